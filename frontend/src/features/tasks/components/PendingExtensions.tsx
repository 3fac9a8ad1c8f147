import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import type { MutationProblem } from '../../../lib/mutations';
import { ExtensionDecision } from './ExtensionDecision';

export const PendingExtensionsFragment = graphql(`
  fragment PendingExtensions_task on Task {
    id
    code
    title
    dueDate
    leadUnit {
      id
      name
    }
    extensionRequests {
      id
      status
      requestedDueDate
      reason
      createdAt
      requestedBy {
        id
        fullName
      }
    }
  }
`);

/** The pending extension requests among `tasks`, each with approve / refuse. */
export function PendingExtensions(props: {
  tasks: readonly FragmentType<typeof PendingExtensionsFragment>[];
  onDecide: (id: string, approve: boolean, note: string) => Promise<MutationProblem | null>;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const pending = props.tasks
    .map((x) => getFragmentData(PendingExtensionsFragment, x))
    .flatMap((task) =>
      task.extensionRequests.filter((r) => r.status === 'PENDING').map((request) => ({ task, request })),
    );
  if (pending.length === 0) return null;
  return (
    <ul className="approvals" data-testid="approvals-list">
      {pending.map(({ task, request }) => (
        <li key={request.id} className="card approval" data-testid="approval" data-code={task.code}>
          <p className="approval__code">
            <code>{task.code}</code> · {task.leadUnit.name}
          </p>
          <h2 className="approval__title">
            <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
          </h2>
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>{t('tasks.approvals.currentDue')}</dt>
              <dd>{task.dueDate ? formatDate(task.dueDate) : '—'}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tasks.approvals.requestedDue')}</dt>
              <dd data-testid="approval-requested-due">{formatDate(request.requestedDueDate)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tasks.form.reason')}</dt>
              <dd className="prose">{request.reason}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('tasks.approvals.asked')}</dt>
              <dd>
                {formatDateTime(request.createdAt)}
                {request.requestedBy ? ` · ${request.requestedBy.fullName}` : null}
              </dd>
            </div>
          </dl>
          <ExtensionDecision requestId={request.id} onDecide={props.onDecide} />
        </li>
      ))}
    </ul>
  );
}

/** How many pending requests the tasks hold (for the page's empty state and count). */
export function countPending(tasks: readonly FragmentType<typeof PendingExtensionsFragment>[]): number {
  return tasks
    .map((x) => getFragmentData(PendingExtensionsFragment, x))
    .reduce((n, task) => n + task.extensionRequests.filter((r) => r.status === 'PENDING').length, 0);
}
