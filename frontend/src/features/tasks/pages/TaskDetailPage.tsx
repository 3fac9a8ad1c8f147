import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { StatusPage } from '../../../components/StatusPage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { ProgressBar } from '../components/ProgressBar';
import { TaskComments } from '../components/TaskComments';
import { TaskExtensions } from '../components/TaskExtensions';
import type { EditTaskValues } from '../components/TaskForms';
import {
  CancelTaskForm,
  CommentForm,
  EditTaskForm,
  ExtensionRequestForm,
  ReportProgressForm,
} from '../components/TaskForms';
import { TaskHistory } from '../components/TaskHistory';
import { TaskReports } from '../components/TaskReports';
import { TaskStatusBadge } from '../components/TaskStatusBadge';
import { TaskSummary } from '../components/TaskSummary';
import { TasksNav } from '../components/TasksNav';
import { todayIso } from '../lib/dates';
import { mutationProblem } from '../../../lib/mutations';
import {
  CancelTaskMutation,
  CommentOnTaskMutation,
  DecideExtensionMutation,
  ReportProgressMutation,
  RequestExtensionMutation,
  TaskDetailQuery,
  UpdateTaskMutation,
} from '../operations';
import { QueryPending } from '../../../components/QueryPending';

type OpenForm = 'report' | 'extension' | 'edit' | 'cancel' | null;

/** /tasks/:id — a fresh page per task (open forms and notices do not carry over). */
export function TaskDetailRoute() {
  const { id = '' } = useParams();
  return <TaskDetailPage key={id} id={id} />;
}

/** Everything about one task, and what the viewer may do with it. */
export function TaskDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: TaskDetailQuery, variables: { id } });
  const task = data?.task ?? null;
  usePageTitle(task ? `${task.code} · ${t('nav.tasks')}` : t('nav.tasks'));
  const today = todayIso();
  const [open, setOpen] = useState<OpenForm>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const [, reportProgress] = useMutation(ReportProgressMutation);
  const [, commentOnTask] = useMutation(CommentOnTaskMutation);
  const [, requestExtension] = useMutation(RequestExtensionMutation);
  const [, decideExtension] = useMutation(DecideExtensionMutation);
  const [, updateTask] = useMutation(UpdateTaskMutation);
  const [, cancelTask] = useMutation(CancelTaskMutation);

  const close = useCallback(() => {
    setOpen(null);
  }, []);
  const onReport = useCallback(
    async (v: { text: string; progress: number; files: File[] }) => {
      // Files go in the variables: urql sends a GraphQL multipart request (lib/mutations.ts).
      const r = await reportProgress({
        input: {
          taskId: id,
          text: v.text,
          progress: v.progress,
          ...(v.files.length > 0 ? { attachments: v.files } : {}),
        },
      });
      const problem = mutationProblem(r, r.data?.reportProgress);
      if (!problem) setNotice(v.progress === 100 ? t('tasks.notice.completed') : t('tasks.notice.reported'));
      return problem;
    },
    [reportProgress, id, t],
  );
  const onComment = useCallback(
    async (v: { text: string }) => {
      const r = await commentOnTask({ input: { taskId: id, text: v.text } });
      return mutationProblem(r, r.data?.commentOnTask);
    },
    [commentOnTask, id],
  );
  const onRequestExtension = useCallback(
    async (v: { newDueDate: string; reason: string }) => {
      const r = await requestExtension({ input: { taskId: id, newDueDate: v.newDueDate, reason: v.reason } });
      const problem = mutationProblem(r, r.data?.requestExtension);
      if (!problem) setNotice(t('tasks.notice.extensionRequested'));
      return problem;
    },
    [requestExtension, id, t],
  );
  const onDecide = useCallback(
    async (requestId: string, approve: boolean, note: string) => {
      const r = await decideExtension({ input: { id: requestId, approve, note: note || null } });
      const problem = mutationProblem(r, r.data?.decideExtension);
      if (!problem) setNotice(approve ? t('tasks.notice.approved') : t('tasks.notice.refused'));
      return problem;
    },
    [decideExtension, t],
  );
  const onEdit = useCallback(
    async (v: EditTaskValues) => {
      const r = await updateTask({
        input: {
          id,
          title: v.title.trim(),
          description: v.description,
          priority: v.priority,
          ...(v.dueDate ? { dueDate: v.dueDate } : {}),
        },
      });
      const problem = mutationProblem(r, r.data?.updateTask);
      if (!problem) setNotice(t('tasks.notice.saved'));
      return problem;
    },
    [updateTask, id, t],
  );
  const onCancelTask = useCallback(
    async (v: { reason: string }) => {
      const r = await cancelTask({ input: { id, reason: v.reason } });
      const problem = mutationProblem(r, r.data?.cancelTask);
      if (!problem) setNotice(t('tasks.notice.cancelled'));
      return problem;
    },
    [cancelTask, id, t],
  );

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={reexecute} />;
  if (!task)
    return (
      <StatusPage
        icon="tasks"
        title={t('tasks.detail.notFound')}
        actions={
          <Link className="button button--primary" to="/tasks">
            {t('tasks.detail.backToList')}
          </Link>
        }
      >
        <p>{t('tasks.detail.notFoundBody')}</p>
      </StatusPage>
    );

  const isOpen = task.status === 'NOT_STARTED' || task.status === 'IN_PROGRESS';
  const toggle = (form: Exclude<OpenForm, null>) => {
    setNotice(null);
    setOpen((o) => (o === form ? null : form));
  };

  return (
    <div className="page task-detail">
      <TasksNav />
      <header className="task-detail__header">
        <p className="task-detail__code">
          <code data-testid="task-code">{task.code}</code>
        </p>
        <h1 className="page__title" data-testid="task-title">
          {task.title}
        </h1>
        <div className="task-detail__status">
          <TaskStatusBadge status={task.status} isOverdue={task.isOverdue} />
          <ProgressBar value={task.progress} />
        </div>
      </header>

      <p className="notice-line" role="status" data-testid="task-notice">
        {notice ?? ''}
      </p>

      {isOpen && (task.viewerCanReport || task.viewerIsAssigner) ? (
        <section className="card" aria-labelledby="task-actions-title">
          <h2 id="task-actions-title" className="card__title">
            {t('tasks.detail.actions')}
          </h2>
          <div className="actions">
            {task.viewerCanReport ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  aria-expanded={open === 'report'}
                  data-testid="action-report"
                  onClick={() => {
                    toggle('report');
                  }}
                >
                  {t('tasks.action.report')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={open === 'extension'}
                  data-testid="action-extension"
                  onClick={() => {
                    toggle('extension');
                  }}
                >
                  {t('tasks.action.requestExtension')}
                </button>
              </>
            ) : null}
            {task.viewerIsAssigner ? (
              <>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={open === 'edit'}
                  data-testid="action-edit"
                  onClick={() => {
                    toggle('edit');
                  }}
                >
                  {t('tasks.action.edit')}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--danger"
                  aria-expanded={open === 'cancel'}
                  data-testid="action-cancel"
                  onClick={() => {
                    toggle('cancel');
                  }}
                >
                  {t('tasks.action.cancel')}
                </button>
              </>
            ) : null}
          </div>
          {open === 'report' ? (
            <ReportProgressForm current={task.progress} onSubmit={onReport} onClose={close} />
          ) : null}
          {open === 'extension' ? (
            <ExtensionRequestForm dueDate={task.dueDate} onSubmit={onRequestExtension} onClose={close} />
          ) : null}
          {open === 'edit' ? (
            <EditTaskForm
              initial={{
                title: task.title,
                description: task.description ?? '',
                dueDate: task.dueDate ?? '',
                priority: task.priority,
              }}
              onSubmit={onEdit}
              onClose={close}
            />
          ) : null}
          {open === 'cancel' ? <CancelTaskForm onSubmit={onCancelTask} onClose={close} /> : null}
        </section>
      ) : null}

      <div className="task-detail__grid">
        <div className="task-detail__main">
          <TaskSummary task={task} today={today} />
          <TaskReports task={task} />
          <TaskExtensions task={task} canDecide={task.viewerIsAssigner} onDecide={onDecide} />
          <TaskComments task={task}>
            <CommentForm onSubmit={onComment} />
          </TaskComments>
        </div>
        <aside className="task-detail__side">
          <TaskHistory task={task} />
        </aside>
      </div>
    </div>
  );
}
