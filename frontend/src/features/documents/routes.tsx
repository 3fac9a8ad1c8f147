import type { RouteObject } from 'react-router';
import { DocumentsPage } from './pages/DocumentsPage';

/** Routes of the documents module, mounted under the authenticated layout. */
export const documentsRoutes: RouteObject[] = [{ path: 'documents', element: <DocumentsPage /> }];
