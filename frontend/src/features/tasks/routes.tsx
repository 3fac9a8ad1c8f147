import type { RouteObject } from 'react-router';
import './tasks.css';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { DashboardPage } from './pages/DashboardPage';
import { TaskDetailRoute } from './pages/TaskDetailPage';
import { TaskListPage } from './pages/TaskListPage';

/** Routes of the tasks module, mounted under the authenticated layout. */
export const tasksRoutes: RouteObject[] = [
  { path: 'tasks', element: <TaskListPage /> },
  { path: 'tasks/approvals', element: <ApprovalsPage /> },
  { path: 'tasks/dashboard', element: <DashboardPage /> },
  { path: 'tasks/:id', element: <TaskDetailRoute /> },
];
