import type { RouteObject } from 'react-router';
import './meetings.css';

/** Routes of the meetings module, mounted under the authenticated layout. */
export const meetingsRoutes: RouteObject[] = [
  { path: 'meetings', lazy: () => import('./pages/MeetingsListPage').then((m) => ({ Component: m.MeetingsListPage })) },
  { path: 'meetings/new', lazy: () => import('./pages/MeetingNewPage').then((m) => ({ Component: m.MeetingNewPage })) },
  { path: 'meetings/ballots', lazy: () => import('./pages/BallotsPage').then((m) => ({ Component: m.BallotsPage })) },
  {
    path: 'meetings/:id',
    lazy: () => import('./pages/MeetingDetailPage').then((m) => ({ Component: m.MeetingDetailPage })),
  },
  {
    path: 'meetings/:id/edit',
    lazy: () => import('./pages/MeetingEditPage').then((m) => ({ Component: m.MeetingEditPage })),
  },
  {
    path: 'meetings/:id/run',
    lazy: () => import('./pages/MeetingRunPage').then((m) => ({ Component: m.MeetingRunPage })),
  },
  {
    path: 'meetings/:id/conclusion',
    lazy: () => import('./pages/MeetingConclusionPage').then((m) => ({ Component: m.MeetingConclusionPage })),
  },
];

/**
 * Full-screen routes (signed in, without the module navigation): the meeting room on
 * tablets and the projector.
 */
export const meetingsFullScreenRoutes: RouteObject[] = [
  {
    path: 'meetings/:id/room',
    lazy: () => import('./pages/MeetingRoomPage').then((m) => ({ Component: m.MeetingRoomPage })),
  },
  {
    path: 'meetings/:id/screen',
    lazy: () => import('./pages/MeetingScreenPage').then((m) => ({ Component: m.MeetingScreenPage })),
  },
  {
    path: 'votes/:id/screen',
    lazy: () => import('./pages/VoteScreenPage').then((m) => ({ Component: m.VoteScreenPage })),
  },
];
