import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { isRunning } from '../lib/status';
import { DueDate } from './DueDate';
import { ProgressBar } from './ProgressBar';

export const TaskSummaryFragment = graphql(`
  fragment TaskSummary_task on Task {
    id
    code
    description
    dueDate
    status
    progress
    priority
    authority
    sourceKind
    sourceReference
    confidentiality
    completedOn
    completedOnTime
    isOverdue
    createdAt
    updatedAt
    leadUnit {
      id
      name
    }
    coordinatingUnits {
      id
      name
    }
    responsible {
      id
      fullName
    }
    assignedBy {
      id
      fullName
    }
    sourceMeeting {
      id
      title
      startsAt
    }
  }
`);

/** All the facts of a task: units, deadline, source, people, levels. */
export function TaskSummary(props: { task: FragmentType<typeof TaskSummaryFragment>; today: string }) {
  const { t, tDynamic, formatDate, formatDateTime } = useI18n();
  const task = getFragmentData(TaskSummaryFragment, props.task);
  const open = isRunning(task.status);
  const none = <span className="muted">—</span>;
  return (
    <section className="card" aria-labelledby="task-facts-title">
      <h2 id="task-facts-title" className="card__title">
        {t('tasks.detail.facts')}
      </h2>
      <dl className="facts" data-testid="task-facts">
        <div className="facts__row">
          <dt>{t('tasks.field.leadUnit')}</dt>
          <dd data-testid="task-lead-unit">{task.leadUnit.name}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.coordinatingUnits')}</dt>
          <dd>
            {task.coordinatingUnits.length ? (
              <ul className="unit-list unit-list--block">
                {task.coordinatingUnits.map((u) => (
                  <li key={u.id}>{u.name}</li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.dueDate')}</dt>
          <dd data-testid="task-due-date">
            <DueDate dueDate={task.dueDate} today={props.today} open={open} overdue={task.isOverdue} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.progress')}</dt>
          <dd>
            <ProgressBar value={task.progress} />
          </dd>
        </div>
        {task.status === 'COMPLETED' ? (
          <div className="facts__row">
            <dt>{t('tasks.field.completedOn')}</dt>
            <dd data-testid="task-completed-on">
              {task.completedOn ? formatDate(task.completedOn) : none}{' '}
              {task.completedOnTime === true ? (
                <span className="task-status task-status--completed">{t('tasks.onTime')}</span>
              ) : task.completedOnTime === false ? (
                <span className="task-status task-status--overdue">{t('tasks.late')}</span>
              ) : null}
            </dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>{t('tasks.field.description')}</dt>
          <dd className="prose">{task.description ?? none}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.source')}</dt>
          <dd data-testid="task-source">
            {tDynamic(`tasks.sourceKind.${task.sourceKind}`, task.sourceKind)}
            {task.sourceReference ? ` — ${task.sourceReference}` : null}
            {task.sourceMeeting ? (
              <>
                <br />
                <Link to={`/meetings/${encodeURIComponent(task.sourceMeeting.id)}`} data-testid="task-source-meeting">
                  {task.sourceMeeting.title}
                </Link>{' '}
                <span className="muted">({formatDate(task.sourceMeeting.startsAt)})</span>
                <br />
                <Link
                  to={`/tasks?tab=all&meeting=${encodeURIComponent(task.sourceMeeting.id)}`}
                  data-testid="task-source-meeting-tasks"
                >
                  {t('tasks.detail.meetingTasks')}
                </Link>
              </>
            ) : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.authority')}</dt>
          <dd>{tDynamic(`tasks.authority.${task.authority}`, task.authority)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.assignedBy')}</dt>
          <dd>{task.assignedBy?.fullName ?? none}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.responsible')}</dt>
          <dd>{task.responsible?.fullName ?? none}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.priority')}</dt>
          <dd>{tDynamic(`tasks.priority.${task.priority}`, task.priority)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.confidentiality')}</dt>
          <dd>{tDynamic(`tasks.clearance.${task.confidentiality}`, task.confidentiality)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.createdAt')}</dt>
          <dd>{formatDateTime(task.createdAt)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('tasks.field.updatedAt')}</dt>
          <dd>{formatDateTime(task.updatedAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
