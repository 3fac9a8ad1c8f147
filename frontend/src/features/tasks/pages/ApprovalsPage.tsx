import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { usePageTitle } from '../../../lib/usePageTitle';
import { PendingExtensions, countPending } from '../components/PendingExtensions';
import { TasksNav } from '../components/TasksNav';
import { mutationProblem } from '../../../lib/mutations';
import { AssignedTasksQuery, DecideExtensionMutation, TasksViewerQuery } from '../operations';
import { QueryPending } from '../../../components/QueryPending';
import { PageHeader } from '../../../components/PageHeader';

/**
 * /tasks/approvals — the assigner's inbox: pending deadline extension requests on the tasks
 * the viewer assigned (tasks filtered by assignedById = viewer), approve or refuse each.
 */
export function ApprovalsPage() {
  const { t } = useI18n();
  usePageTitle(t('tasks.approvals.title'));
  const [viewerResult] = useQuery({ query: TasksViewerQuery });
  const viewerId = viewerResult.data?.viewer?.id ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const [, decideExtension] = useMutation(DecideExtensionMutation);
  const onDecide = useCallback(
    async (requestId: string, approve: boolean, note: string) => {
      const r = await decideExtension({ input: { id: requestId, approve, note: note || null } });
      const problem = mutationProblem(r, r.data?.decideExtension);
      if (!problem) setNotice(approve ? t('tasks.notice.approved') : t('tasks.notice.refused'));
      return problem;
    },
    [decideExtension, t],
  );

  return (
    <div className="page tasks-page">
      <PageHeader icon="tasks" title={t('tasks.approvals.title')} subtitle={t('tasks.approvals.subtitle')} />
      <TasksNav />
      <p className="notice-line" role="status" data-testid="approvals-notice">
        {notice ?? ''}
      </p>
      {viewerId ? (
        <AssignedPage assignedById={viewerId} after={null} onDecide={onDecide} first />
      ) : viewerResult.error ? (
        <QueryError error={viewerResult.error} headingLevel={2} />
      ) : (
        <Spinner label={t('common.loading')} />
      )}
    </div>
  );
}

/** One page (100 tasks) of the viewer's assignments; "more" mounts the next page below. */
function AssignedPage(props: {
  assignedById: string;
  after: string | null;
  first?: boolean;
  onDecide: (id: string, approve: boolean, note: string) => Promise<ReturnType<typeof mutationProblem>>;
}) {
  const { t } = useI18n();
  const [more, setMore] = useState(false);
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: AssignedTasksQuery,
    variables: { assignedById: props.assignedById, after: props.after },
  });
  if (!data && (fetching || error))
    return <QueryPending fetching={fetching} error={error} retry={reexecute} headingLevel={2} />;
  const connection = data?.tasks;
  if (!connection) return null;
  const pending = countPending(connection.nodes);
  return (
    <>
      {props.first ? (
        <p className="toolbar__count" data-testid="approvals-count">
          {t('tasks.approvals.count', { count: pending, assigned: connection.totalCount })}
        </p>
      ) : null}
      {pending === 0 && props.first && !connection.pageInfo.hasNextPage ? (
        <p className="empty card" data-testid="approvals-empty">
          {t('tasks.approvals.empty')}
        </p>
      ) : null}
      <PendingExtensions tasks={connection.nodes} onDecide={props.onDecide} />
      {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        more ? (
          <AssignedPage
            assignedById={props.assignedById}
            after={connection.pageInfo.endCursor}
            onDecide={props.onDecide}
          />
        ) : (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setMore(true);
            }}
          >
            {t('tasks.approvals.more')}
          </button>
        )
      ) : null}
    </>
  );
}
