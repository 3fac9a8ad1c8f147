import type { RouteObject } from 'react-router';
import { TreatiesPage } from './pages/TreatiesPage';

/** Routes of the treaties module, mounted under the authenticated layout. */
export const treatiesRoutes: RouteObject[] = [{ path: 'treaties', element: <TreatiesPage /> }];
