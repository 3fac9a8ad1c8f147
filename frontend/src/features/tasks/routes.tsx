import type { RouteObject } from 'react-router';
import { TasksPage } from './pages/TasksPage';

/** Routes of the tasks module, mounted under the authenticated layout. */
export const tasksRoutes: RouteObject[] = [{ path: 'tasks', element: <TasksPage /> }];
