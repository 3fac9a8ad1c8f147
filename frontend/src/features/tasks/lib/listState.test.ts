import { describe, expect, it } from 'vitest';
import { defaultState, hasFilters, parseListState, toSearchParams, toTaskFilter } from './listState';

describe('task list state in the URL', () => {
  it('defaults to the unit’s lead tasks, by due date', () => {
    expect(parseListState(new URLSearchParams(''), true)).toEqual(defaultState(true));
    expect(defaultState(true).tab).toBe('lead');
    expect(toSearchParams(defaultState(true), true).toString()).toBe('');
  });

  it('round-trips every filter', () => {
    const state = {
      tab: 'coordinating',
      status: 'OPEN',
      overdue: true,
      within: 7,
      search: 'e-Cabinet',
      sort: 'DUE_DATE_DESC',
      mine: true,
      meeting: 'TWVldGluZzox',
    } as const;
    const params = toSearchParams(state, true);
    expect(params.toString()).toBe(
      'tab=coordinating&status=OPEN&overdue=1&within=7&q=e-Cabinet&sort=DUE_DATE_DESC&by=me&meeting=TWVldGluZzox',
    );
    expect(parseListState(params, true)).toEqual(state);
  });

  it('ignores values it does not know', () => {
    const s = parseListState(new URLSearchParams('tab=mine&status=DONE&within=-3&sort=RANDOM'), true);
    expect(s).toEqual(defaultState(true));
  });

  it('shows everything visible to a viewer without a unit', () => {
    expect(parseListState(new URLSearchParams('tab=lead'), false).tab).toBe('all');
  });
});

describe('toTaskFilter', () => {
  it('asks for the unit as lead or coordinator', () => {
    expect(toTaskFilter(defaultState(true), 'U1')).toEqual({ sort: 'DUE_DATE_ASC', unitId: 'U1', unitRole: 'LEAD' });
    expect(toTaskFilter({ ...defaultState(true), tab: 'coordinating' }, 'U1')).toMatchObject({
      unitId: 'U1',
      unitRole: 'COORDINATOR',
    });
    expect(toTaskFilter({ ...defaultState(true), tab: 'all' }, 'U1')).toEqual({ sort: 'DUE_DATE_ASC' });
  });

  it('maps status, overdue, due-within and search', () => {
    const filter = toTaskFilter(
      {
        tab: 'all',
        status: 'OPEN',
        overdue: true,
        within: 2,
        search: '  cổng  ',
        sort: 'DUE_DATE_ASC',
        mine: false,
        meeting: null,
      },
      null,
    );
    expect(filter).toEqual({
      sort: 'DUE_DATE_ASC',
      status: ['NOT_STARTED', 'IN_PROGRESS'],
      overdue: true,
      dueWithinDays: 2,
      search: 'cổng',
    });
    expect(toTaskFilter({ ...defaultState(true), status: 'COMPLETED' }, 'U1').status).toEqual(['COMPLETED']);
  });

  it('knows when filters are set', () => {
    expect(hasFilters(defaultState(true))).toBe(false);
    expect(hasFilters({ ...defaultState(true), within: 0 })).toBe(true);
  });

  it('asks for the tasks I assigned and those of a source meeting', () => {
    const state = { ...defaultState(true), tab: 'all', mine: true, meeting: 'TWVldGluZzox' } as const;
    expect(toTaskFilter(state, 'OU1', 'U1')).toMatchObject({ assignedById: 'U1', sourceMeetingId: 'TWVldGluZzox' });
    expect(hasFilters(state)).toBe(true);
  });

  it('ignores a source meeting that is not an ID', () => {
    expect(parseListState(new URLSearchParams('meeting=%27%3B--%20'), true).meeting).toBeNull();
  });
});
