import type { RouteObject } from 'react-router';
import { HomePage } from './pages/HomePage';

/** The home page belongs to org: it shows the viewer, their unit and roles. */
export const orgRoutes: RouteObject[] = [{ index: true, element: <HomePage /> }];
