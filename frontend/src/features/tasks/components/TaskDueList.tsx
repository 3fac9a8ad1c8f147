import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { isRunning } from '../lib/status';
import { DueDate } from './DueDate';
import { ProgressBar } from './ProgressBar';

export const TaskDueListFragment = graphql(`
  fragment TaskDueList_task on Task {
    id
    code
    title
    dueDate
    status
    isOverdue
    progress
    leadUnit {
      id
      name
      shortName
    }
  }
`);

/** A short list of tasks with their deadline (overdue ones, or those due this week). */
export function TaskDueList(props: {
  tasks: readonly FragmentType<typeof TaskDueListFragment>[];
  today: string;
  empty: string;
  testId: string;
}) {
  const tasks = props.tasks.map((x) => getFragmentData(TaskDueListFragment, x));
  const { t } = useI18n();
  if (tasks.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <ul className="due-list" data-testid={props.testId}>
      {tasks.map((task) => (
        <li key={task.id} className="due-list__item">
          <Link to={`/tasks/${encodeURIComponent(task.id)}`} className="due-list__title">
            {task.title}
          </Link>
          <span className="due-list__meta">
            <code>{task.code}</code> ·{' '}
            <abbr title={task.leadUnit.name}>{task.leadUnit.shortName ?? task.leadUnit.name}</abbr>
          </span>
          <span className="due-list__figures">
            <DueDate
              dueDate={task.dueDate}
              today={props.today}
              open={isRunning(task.status)}
              overdue={task.isOverdue}
            />
            <ProgressBar value={task.progress} label={t('tasks.progressOf', { code: task.code })} />
          </span>
        </li>
      ))}
    </ul>
  );
}
