import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import type { MutationProblem } from '../../../lib/mutations';
import { ExtensionDecision } from './ExtensionDecision';

export const TaskExtensionsFragment = graphql(`
  fragment TaskExtensions_task on Task {
    extensionRequests {
      id
      requestedDueDate
      reason
      status
      decisionNote
      createdAt
      decidedAt
      requestedBy {
        id
        fullName
      }
      decidedBy {
        id
        fullName
      }
    }
  }
`);

/** Deadline extension requests, newest first; the assigner decides pending ones here. */
export function TaskExtensions(props: {
  task: FragmentType<typeof TaskExtensionsFragment>;
  canDecide: boolean;
  onDecide: (id: string, approve: boolean, note: string) => Promise<MutationProblem | null>;
}) {
  const { t, tDynamic, formatDate, formatDateTime } = useI18n();
  const { extensionRequests } = getFragmentData(TaskExtensionsFragment, props.task);
  return (
    <section className="card" aria-labelledby="task-extensions-title">
      <h2 id="task-extensions-title" className="card__title">
        {t('tasks.detail.extensions')} <span className="count">({extensionRequests.length})</span>
      </h2>
      {extensionRequests.length === 0 ? (
        <p className="empty">{t('tasks.detail.noExtensions')}</p>
      ) : (
        <ul className="entries" data-testid="task-extensions">
          {extensionRequests.map((x) => (
            <li key={x.id} className="entry" data-testid="extension-request" data-status={x.status}>
              <div className="entry__head">
                <span className={`task-status task-status--ext-${x.status.toLowerCase()}`}>
                  {tDynamic(`tasks.extensionStatus.${x.status}`, x.status)}
                </span>
                <strong>{t('tasks.extension.to', { date: formatDate(x.requestedDueDate) })}</strong>
              </div>
              <p className="entry__text prose">{x.reason}</p>
              <p className="entry__meta">
                {t('tasks.extension.asked', {
                  when: formatDateTime(x.createdAt),
                  who: x.requestedBy?.fullName ?? t('tasks.extension.someone'),
                })}
              </p>
              {x.decidedAt ? (
                <p className="entry__meta">
                  {t('tasks.extension.decided', {
                    when: formatDateTime(x.decidedAt),
                    who: x.decidedBy?.fullName ?? '—',
                  })}
                  {x.decisionNote ? ` — ${x.decisionNote}` : null}
                </p>
              ) : null}
              {props.canDecide && x.status === 'PENDING' ? (
                <ExtensionDecision requestId={x.id} onDecide={props.onDecide} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
