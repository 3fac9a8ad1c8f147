import type { RouteObject } from 'react-router';
import { MeetingsPage } from './pages/MeetingsPage';

/** Routes of the meetings module, mounted under the authenticated layout. */
export const meetingsRoutes: RouteObject[] = [{ path: 'meetings', element: <MeetingsPage /> }];
