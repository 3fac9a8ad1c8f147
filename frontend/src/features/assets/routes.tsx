import type { RouteObject } from 'react-router';
import { AssetsPage } from './pages/AssetsPage';

/** Routes of the assets module, mounted under the authenticated layout. */
export const assetsRoutes: RouteObject[] = [{ path: 'assets', element: <AssetsPage /> }];
