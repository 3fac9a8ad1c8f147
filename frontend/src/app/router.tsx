import type { RouteObject } from 'react-router';
import { Outlet, createBrowserRouter } from 'react-router';
import { NotFoundPage } from '../components/NotFoundPage';
import { assetsRoutes } from '../features/assets/routes';
import { documentsRoutes } from '../features/documents/routes';
import { hrRoutes } from '../features/hr/routes';
import { meetingsFullScreenRoutes, meetingsRoutes } from '../features/meetings/routes';
import { orgRoutes } from '../features/org/routes';
import { tasksRoutes } from '../features/tasks/routes';
import { treatiesRoutes } from '../features/treaties/routes';
import { CallbackPage } from './auth/CallbackPage';
import { AUTH_CONFIG } from './auth/config';
import { LoggedOutPage } from './auth/LoggedOutPage';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';
import { RouteError } from './RouteError';

export const routes: RouteObject[] = [
  { path: AUTH_CONFIG.callbackPath, element: <CallbackPage />, errorElement: <RouteError /> },
  { path: AUTH_CONFIG.loggedOutPath, element: <LoggedOutPage />, errorElement: <RouteError /> },
  {
    // Signed in, full screen (no module navigation): the meeting room and the projector.
    path: '/',
    element: (
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: meetingsFullScreenRoutes,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      ...orgRoutes,
      ...meetingsRoutes,
      ...tasksRoutes,
      ...documentsRoutes,
      ...hrRoutes,
      ...treatiesRoutes,
      ...assetsRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
