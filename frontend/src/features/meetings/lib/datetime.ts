/**
 * Meetings are held in Vietnam time (UTC+7, no daylight saving), whatever the device's zone.
 * `<input type="datetime-local">` values ("2026-11-28T08:30") are read and written as
 * Vietnam time, and sent to the server as ISO 8601 with the +07:00 offset.
 */
export const VIETNAM_OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-28T08:30" (Vietnam time) → "2026-11-28T08:30:00+07:00"; null when not a valid value. */
export function inputToIso(value: string): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${VIETNAM_OFFSET}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject rolled-over dates such as 31 February.
  const back = isoToInput(date.toISOString());
  if (back !== `${y}-${mo}-${d}T${h}:${mi}`) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${VIETNAM_OFFSET}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant (ISO string or Date) → the datetime-local value in Vietnam time; '' when invalid. */
export function isoToInput(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const v = new Date(date.getTime() + OFFSET_MS);
  return `${String(v.getUTCFullYear())}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}T${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}

/** Today in Vietnam as an ISO date ("2026-11-28"). */
export function todayInVietnam(now: Date = new Date()): string {
  return isoToInput(now).slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A datetime-local value some hours from now (Vietnam time), on the minute, for new forms. */
export function inputHoursFromNow(hours: number, now: Date = new Date()): string {
  const t = new Date(now.getTime() + hours * 3_600_000);
  t.setUTCSeconds(0, 0);
  return isoToInput(t);
}
