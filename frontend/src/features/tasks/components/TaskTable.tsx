import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { isRunning } from '../lib/status';
import { DueDate } from './DueDate';
import { ProgressBar } from './ProgressBar';
import { TaskStatusBadge } from './TaskStatusBadge';

export const TaskTableFragment = graphql(`
  fragment TaskTable_task on Task {
    id
    code
    title
    dueDate
    status
    progress
    isOverdue
    leadUnit {
      id
      name
      shortName
    }
    coordinatingUnits {
      id
      name
      shortName
    }
  }
`);

/**
 * The task table. On narrow screens each row becomes a card (CSS only); the header cells'
 * labels are repeated in data-label attributes for that.
 */
export function TaskTable(props: {
  tasks: readonly FragmentType<typeof TaskTableFragment>[];
  today: string;
  caption: string;
}) {
  const { t } = useI18n();
  const tasks = props.tasks.map((x) => getFragmentData(TaskTableFragment, x));
  return (
    <div className="table-wrap">
      <table className="data-table task-table" data-testid="task-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tasks.field.code')}</th>
            <th scope="col">{t('tasks.field.title')}</th>
            <th scope="col">{t('tasks.field.leadUnit')}</th>
            <th scope="col">{t('tasks.field.coordinatingUnits')}</th>
            <th scope="col">{t('tasks.field.dueDate')}</th>
            <th scope="col">{t('tasks.field.progress')}</th>
            <th scope="col">{t('tasks.field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-testid="task-row" data-code={task.code}>
              <td data-label={t('tasks.field.code')} className="task-table__code">
                <code>{task.code}</code>
              </td>
              <th scope="row" data-label={t('tasks.field.title')} className="task-table__title">
                <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link>
              </th>
              <td data-label={t('tasks.field.leadUnit')}>
                <abbr title={task.leadUnit.name}>{task.leadUnit.shortName ?? task.leadUnit.name}</abbr>
              </td>
              <td data-label={t('tasks.field.coordinatingUnits')}>
                {task.coordinatingUnits.length ? (
                  <ul className="unit-list">
                    {task.coordinatingUnits.map((u) => (
                      <li key={u.id}>
                        <abbr title={u.name}>{u.shortName ?? u.name}</abbr>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label={t('tasks.field.dueDate')}>
                <DueDate
                  dueDate={task.dueDate}
                  today={props.today}
                  open={isRunning(task.status)}
                  overdue={task.isOverdue}
                />
              </td>
              <td data-label={t('tasks.field.progress')}>
                <ProgressBar value={task.progress} label={t('tasks.progressOf', { code: task.code })} />
              </td>
              <td data-label={t('tasks.field.status')}>
                <TaskStatusBadge status={task.status} isOverdue={task.isOverdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
