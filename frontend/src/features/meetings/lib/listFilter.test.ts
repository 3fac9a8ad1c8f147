import { describe, expect, it } from 'vitest';
import { isFiltered, readListFilter, toMeetingFilter } from './listFilter';

describe('the meetings list filter', () => {
  it('reads tab, search, kind, status and "mine" from the URL', () => {
    const f = readListFilter(new URLSearchParams('tab=past&q=an ninh&kind=THEMATIC&status=CLOSED&mine=1'));
    expect(f).toEqual({ tab: 'past', q: 'an ninh', kind: 'THEMATIC', status: 'CLOSED', mine: true });
    expect(toMeetingFilter(f)).toEqual({
      upcoming: false,
      search: 'an ninh',
      kind: 'THEMATIC',
      status: ['CLOSED'],
      mine: true,
    });
    expect(isFiltered(f)).toBe(true);
  });

  it('ignores unknown values and a status that cannot be in the tab', () => {
    const f = readListFilter(new URLSearchParams('kind=PARTY&status=CLOSED'));
    expect(f).toEqual({ tab: 'upcoming', q: '', kind: null, status: null, mine: false });
    expect(toMeetingFilter(f)).toEqual({ upcoming: true, search: null, kind: null, status: null, mine: false });
    expect(isFiltered(f)).toBe(false);
  });
});
