import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  daysBetween,
  dueHint,
  daysToEndOfWeek,
  isPeriodPart,
  isoWeekday,
  periodRange,
  todayIso,
  yearChoices,
} from './dates';

describe('todayIso', () => {
  it('is the date in Vietnam, not on the device', () => {
    // 2019-12-31 18:30 UTC is already 1 January in Hanoi.
    expect(todayIso(new Date('2019-12-31T18:30:00Z'))).toBe('2020-01-01');
    expect(todayIso(new Date('2019-12-31T16:59:00Z'))).toBe('2019-12-31');
  });
});

describe('day arithmetic', () => {
  it('adds days across months and leap years', () => {
    expect(addDaysIso('2019-12-30', 2)).toBe('2020-01-01');
    expect(addDaysIso('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDaysIso('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('counts days between two dates, negative backwards', () => {
    expect(daysBetween('2019-09-17', '2019-12-31')).toBe(105);
    expect(daysBetween('2019-12-31', '2019-12-29')).toBe(-2);
  });

  it('knows the weekday and the end of the week (Monday first)', () => {
    expect(isoWeekday('2019-09-17')).toBe(2); // a Tuesday
    expect(daysToEndOfWeek('2019-09-17')).toBe(5);
    expect(daysToEndOfWeek('2019-09-22')).toBe(0); // a Sunday
    expect(daysToEndOfWeek('2019-09-16')).toBe(6); // a Monday
  });
});

describe('periodRange', () => {
  it('covers a whole year', () => {
    expect(periodRange({ year: 2019, part: 'year' })).toEqual({ from: '2019-01-01', to: '2019-12-31' });
  });

  it('covers a quarter', () => {
    expect(periodRange({ year: 2019, part: 'Q3' })).toEqual({ from: '2019-07-01', to: '2019-09-30' });
    expect(periodRange({ year: 2019, part: 'Q4' })).toEqual({ from: '2019-10-01', to: '2019-12-31' });
  });

  it('covers a month, February of a leap year included', () => {
    expect(periodRange({ year: 2020, part: 'M02' })).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(periodRange({ year: 2019, part: 'M12' })).toEqual({ from: '2019-12-01', to: '2019-12-31' });
  });

  it('recognises its parts', () => {
    expect(isPeriodPart('Q2')).toBe(true);
    expect(isPeriodPart('M07')).toBe(true);
    expect(isPeriodPart('M13')).toBe(false);
    expect(isPeriodPart('week')).toBe(false);
  });

  it('offers this year, the next and ten back', () => {
    const years = yearChoices(2026);
    expect(years[0]).toBe(2027);
    expect(years).toContain(2019);
    expect(years).toHaveLength(12);
  });
});

describe('dueHint', () => {
  it('says late only when the server says overdue', () => {
    expect(dueHint({ days: -3, open: true, overdue: true })).toEqual({ kind: 'late', days: 3 });
    // Past its date but not overdue by the server's rule: no "late" worked out here.
    expect(dueHint({ days: -3, open: true, overdue: false })).toBeNull();
  });

  it('counts down for a task under way, within a week', () => {
    expect(dueHint({ days: 0, open: true, overdue: false })).toEqual({ kind: 'today', days: 0 });
    expect(dueHint({ days: 2, open: true, overdue: false })).toEqual({ kind: 'soon', days: 2 });
    expect(dueHint({ days: 8, open: true, overdue: false })).toBeNull();
    expect(dueHint({ days: 2, open: false, overdue: false })).toBeNull();
  });
});
