import type { TaskFilter, TaskSort, TaskStatus } from '../../../gql/graphql';

/**
 * The task list's state — tab, filters, order — kept in the URL's query string so a list can
 * be bookmarked, shared and survives back/forward. Pure: parse, serialise, and turn into the
 * API's TaskFilter.
 */
export type TaskTab = 'lead' | 'coordinating' | 'all';
export type StatusChoice = '' | 'OPEN' | TaskStatus;
export type SortChoice = Extract<TaskSort, 'DUE_DATE_ASC' | 'DUE_DATE_DESC'>;

export interface TaskListState {
  tab: TaskTab;
  status: StatusChoice;
  overdue: boolean;
  /** Open tasks due within this many days (null: no such filter). */
  within: number | null;
  search: string;
  sort: SortChoice;
  /** Only the tasks the viewer assigned. */
  mine: boolean;
  /** Only the tasks from this meeting's conclusion (its global ID). */
  meeting: string | null;
}

export const TABS: readonly TaskTab[] = ['lead', 'coordinating', 'all'];
export const STATUS_CHOICES: readonly StatusChoice[] = [
  '',
  'OPEN',
  'NOT_STARTED',
  'IN_PROGRESS',
  'COMPLETED',
  'CANCELLED',
];
export const WITHIN_CHOICES: readonly number[] = [2, 7, 14, 30];
export const MAX_WITHIN_DAYS = 3650;
/** What a global ID looks like (anything else in the URL is ignored). */
const GLOBAL_ID = /^[A-Za-z0-9+/=_-]{1,100}$/;

export function defaultState(hasUnit: boolean): TaskListState {
  return {
    tab: hasUnit ? 'lead' : 'all',
    status: '',
    overdue: false,
    within: null,
    search: '',
    sort: 'DUE_DATE_ASC',
    mine: false,
    meeting: null,
  };
}

function oneOf<T extends string>(value: string | null, choices: readonly T[]): T | undefined {
  return value !== null && (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function parseListState(params: URLSearchParams, hasUnit: boolean): TaskListState {
  const d = defaultState(hasUnit);
  let tab = oneOf(params.get('tab'), TABS) ?? d.tab;
  if (!hasUnit) tab = 'all'; // without a unit there is no "my unit's" tab
  const withinRaw = Number.parseInt(params.get('within') ?? '', 10);
  return {
    tab,
    status: oneOf(params.get('status'), STATUS_CHOICES) ?? d.status,
    overdue: params.get('overdue') === '1',
    within: Number.isFinite(withinRaw) && withinRaw >= 0 ? Math.min(withinRaw, MAX_WITHIN_DAYS) : null,
    search: (params.get('q') ?? '').slice(0, 100),
    sort: oneOf(params.get('sort'), ['DUE_DATE_ASC', 'DUE_DATE_DESC'] as const) ?? d.sort,
    mine: params.get('by') === 'me',
    meeting: GLOBAL_ID.test(params.get('meeting') ?? '') ? params.get('meeting') : null,
  };
}

/** Only what differs from the defaults goes into the URL. */
export function toSearchParams(state: TaskListState, hasUnit: boolean): URLSearchParams {
  const d = defaultState(hasUnit);
  const p = new URLSearchParams();
  if (state.tab !== d.tab) p.set('tab', state.tab);
  if (state.status) p.set('status', state.status);
  if (state.overdue) p.set('overdue', '1');
  if (state.within !== null) p.set('within', String(state.within));
  if (state.search.trim()) p.set('q', state.search.trim());
  if (state.sort !== d.sort) p.set('sort', state.sort);
  if (state.mine) p.set('by', 'me');
  if (state.meeting) p.set('meeting', state.meeting);
  return p;
}

export function toTaskFilter(
  state: TaskListState,
  unitId: string | null | undefined,
  viewerId?: string | null,
): TaskFilter {
  const filter: TaskFilter = { sort: state.sort };
  if (state.tab !== 'all' && unitId) {
    filter.unitId = unitId;
    filter.unitRole = state.tab === 'lead' ? 'LEAD' : 'COORDINATOR';
  }
  if (state.status === 'OPEN') filter.status = ['NOT_STARTED', 'IN_PROGRESS'];
  else if (state.status) filter.status = [state.status];
  if (state.overdue) filter.overdue = true;
  if (state.within !== null) filter.dueWithinDays = state.within;
  if (state.search.trim()) filter.search = state.search.trim();
  if (state.mine && viewerId) filter.assignedById = viewerId;
  if (state.meeting) filter.sourceMeetingId = state.meeting;
  return filter;
}

/** Whether anything narrows the list beyond the tab (for the "clear filters" button). */
export function hasFilters(state: TaskListState): boolean {
  return Boolean(
    state.status || state.overdue || state.within !== null || state.search.trim() || state.mine || state.meeting,
  );
}
