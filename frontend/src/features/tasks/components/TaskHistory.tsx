import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { describeHistory } from '../lib/history';

export const TaskHistoryFragment = graphql(`
  fragment TaskHistory_task on Task {
    history {
      at
      kind
      details
      actor {
        id
        fullName
      }
    }
  }
`);

/** The task's history, oldest first, as a timeline. */
export function TaskHistory(props: { task: FragmentType<typeof TaskHistoryFragment> }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { history } = getFragmentData(TaskHistoryFragment, props.task);
  return (
    <section className="card" aria-labelledby="task-history-title">
      <h2 id="task-history-title" className="card__title">
        {t('tasks.detail.history')}
      </h2>
      {history.length === 0 ? (
        <p className="empty">{t('tasks.detail.noHistory')}</p>
      ) : (
        <ol className="timeline" data-testid="task-history">
          {history.map((h, i) => (
            <li key={`${h.at}-${i}`} className={`timeline__item timeline__item--${h.kind.toLowerCase()}`}>
              <span className="timeline__dot" aria-hidden="true" />
              <p className="timeline__text">{describeHistory(h, { t, formatDate })}</p>
              <p className="timeline__meta">
                <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                {h.actor ? ` · ${h.actor.fullName}` : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
