import type { RouteObject } from 'react-router';
import './tasks.css';

/** Routes of the tasks module, mounted under the authenticated layout. */
export const tasksRoutes: RouteObject[] = [
  { path: 'tasks', lazy: () => import('./pages/TaskListPage').then((m) => ({ Component: m.TaskListPage })) },
  {
    path: 'tasks/approvals',
    lazy: () => import('./pages/ApprovalsPage').then((m) => ({ Component: m.ApprovalsPage })),
  },
  {
    path: 'tasks/dashboard',
    lazy: () => import('./pages/DashboardPage').then((m) => ({ Component: m.DashboardPage })),
  },
  { path: 'tasks/:id', lazy: () => import('./pages/TaskDetailPage').then((m) => ({ Component: m.TaskDetailRoute })) },
];
