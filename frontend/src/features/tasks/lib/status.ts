import type { TaskStatus } from '../../../gql/graphql';

/**
 * Whether a task is still under way (a deadline countdown is shown for it). Whether it is
 * overdue is the server's answer (Task.isOverdue, tasks/overdue.py), never worked out here.
 */
export function isRunning(status: TaskStatus): boolean {
  return status === 'NOT_STARTED' || status === 'IN_PROGRESS';
}
