import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';

export const TaskCommentsFragment = graphql(`
  fragment TaskComments_task on Task {
    comments {
      id
      text
      createdAt
      author {
        id
        fullName
      }
      unit {
        id
        name
        shortName
      }
    }
  }
`);

/** Comments, oldest first (typically from the coordinating units); the form as `children`. */
export function TaskComments(props: { task: FragmentType<typeof TaskCommentsFragment>; children?: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const { comments } = getFragmentData(TaskCommentsFragment, props.task);
  return (
    <section className="card" aria-labelledby="task-comments-title">
      <h2 id="task-comments-title" className="card__title">
        {t('tasks.detail.comments')} <span className="count">({comments.length})</span>
      </h2>
      {comments.length === 0 ? (
        <p className="empty">{t('tasks.detail.noComments')}</p>
      ) : (
        <ul className="entries" data-testid="task-comments">
          {comments.map((c) => (
            <li key={c.id} className="entry">
              <p className="entry__meta">
                <strong>{c.author?.fullName ?? '—'}</strong>
                {c.unit ? ` · ${c.unit.shortName ?? c.unit.name}` : null} ·{' '}
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <p className="entry__text prose">{c.text}</p>
            </li>
          ))}
        </ul>
      )}
      {props.children}
    </section>
  );
}
