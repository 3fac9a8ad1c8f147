import { describe, expect, it } from 'vitest';
import { inputHoursFromNow, inputToIso, isIsoDate, isoToInput, todayInVietnam } from './datetime';

describe('datetime-local values in Vietnam time', () => {
  it('sends the input as ISO with +07:00', () => {
    expect(inputToIso('2026-11-28T08:30')).toBe('2026-11-28T08:30:00+07:00');
    expect(inputToIso(' 2026-11-28T08:30:15 ')).toBe('2026-11-28T08:30:15+07:00');
  });

  it('refuses what is not a date and time, or a date that does not exist', () => {
    expect(inputToIso('')).toBeNull();
    expect(inputToIso('28/11/2026 08:30')).toBeNull();
    expect(inputToIso('2026-02-31T08:30')).toBeNull();
    expect(inputToIso('2026-11-28T25:00')).toBeNull();
  });

  it('shows an instant from the server in Vietnam time', () => {
    expect(isoToInput('2026-11-28T01:30:00+00:00')).toBe('2026-11-28T08:30');
    expect(isoToInput('2026-11-27T20:00:00Z')).toBe('2026-11-28T03:00');
    expect(isoToInput(null)).toBe('');
    expect(isoToInput('nonsense')).toBe('');
  });

  it('round-trips', () => {
    const iso = inputToIso('2019-09-17T14:00');
    expect(iso).not.toBeNull();
    expect(isoToInput(iso ?? '')).toBe('2019-09-17T14:00');
  });

  it('knows today in Vietnam, across the date line', () => {
    expect(todayInVietnam(new Date('2026-11-27T18:00:00Z'))).toBe('2026-11-28');
    expect(inputHoursFromNow(2, new Date('2026-11-27T18:00:30Z'))).toBe('2026-11-28T03:00');
  });

  it('checks ISO dates', () => {
    expect(isIsoDate('2019-09-17')).toBe(true);
    expect(isIsoDate('2019-02-30')).toBe(false);
    expect(isIsoDate('17/09/2019')).toBe(false);
  });
});
