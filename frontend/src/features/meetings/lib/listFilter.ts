import type { MeetingFilter, MeetingKind, MeetingStatus } from '../../../gql/graphql';

export const MEETING_KINDS: readonly MeetingKind[] = ['REGULAR', 'THEMATIC', 'STEERING_COMMITTEE', 'EXTRAORDINARY'];

/** Statuses that can be in each tab (a running meeting is upcoming, a closed one past). */
export const TAB_STATUSES: Readonly<Record<'upcoming' | 'past', readonly MeetingStatus[]>> = {
  upcoming: ['DRAFT', 'SCHEDULED', 'IN_PROGRESS'],
  past: ['CLOSED', 'CANCELLED', 'DRAFT', 'SCHEDULED'],
};

export interface ListFilter {
  tab: 'upcoming' | 'past';
  q: string;
  kind: MeetingKind | null;
  status: MeetingStatus | null;
  mine: boolean;
}

/** The list's filter as kept in the URL (back button, sharing); unknown values are ignored. */
export function readListFilter(params: URLSearchParams): ListFilter {
  const tab = params.get('tab') === 'past' ? 'past' : 'upcoming';
  const kind = MEETING_KINDS.find((k) => k === params.get('kind')) ?? null;
  const status = TAB_STATUSES[tab].find((s) => s === params.get('status')) ?? null;
  return { tab, q: params.get('q') ?? '', kind, status, mine: params.get('mine') === '1' };
}

/** The `meetings(filter:)` argument for a list filter. */
export function toMeetingFilter(f: ListFilter): MeetingFilter {
  return {
    upcoming: f.tab === 'upcoming',
    search: f.q || null,
    kind: f.kind,
    status: f.status ? [f.status] : null,
    mine: f.mine,
  };
}

export function isFiltered(f: ListFilter): boolean {
  return f.kind !== null || f.status !== null || f.mine;
}
