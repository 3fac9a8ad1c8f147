import type { RouteObject } from 'react-router';
import './meetings.css';
import { BallotsPage } from './pages/BallotsPage';
import { MeetingConclusionPage } from './pages/MeetingConclusionPage';
import { MeetingDetailPage } from './pages/MeetingDetailPage';
import { MeetingEditPage } from './pages/MeetingEditPage';
import { MeetingNewPage } from './pages/MeetingNewPage';
import { MeetingRoomPage } from './pages/MeetingRoomPage';
import { MeetingRunPage } from './pages/MeetingRunPage';
import { MeetingScreenPage } from './pages/MeetingScreenPage';
import { MeetingsListPage } from './pages/MeetingsListPage';
import { VoteScreenPage } from './pages/VoteScreenPage';

/** Routes of the meetings module, mounted under the authenticated layout. */
export const meetingsRoutes: RouteObject[] = [
  { path: 'meetings', element: <MeetingsListPage /> },
  { path: 'meetings/new', element: <MeetingNewPage /> },
  { path: 'meetings/ballots', element: <BallotsPage /> },
  { path: 'meetings/:id', element: <MeetingDetailPage /> },
  { path: 'meetings/:id/edit', element: <MeetingEditPage /> },
  { path: 'meetings/:id/run', element: <MeetingRunPage /> },
  { path: 'meetings/:id/conclusion', element: <MeetingConclusionPage /> },
];

/**
 * Full-screen routes (signed in, without the module navigation): the meeting room on
 * tablets and the projector.
 */
export const meetingsFullScreenRoutes: RouteObject[] = [
  { path: 'meetings/:id/room', element: <MeetingRoomPage /> },
  { path: 'meetings/:id/screen', element: <MeetingScreenPage /> },
  { path: 'votes/:id/screen', element: <VoteScreenPage /> },
];
