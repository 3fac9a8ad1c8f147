import type { RouteObject } from 'react-router';
import { HrPage } from './pages/HrPage';

/** Routes of the hr module, mounted under the authenticated layout. */
export const hrRoutes: RouteObject[] = [{ path: 'hr', element: <HrPage /> }];
