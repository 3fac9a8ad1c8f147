import { TIME_ZONE } from '../../../app/i18n/messages';

/**
 * Calendar helpers for deadlines. Deadlines are ISO dates ("2019-12-31") counted in the
 * Office's time zone (Asia/Ho_Chi_Minh), whatever the device says; the arithmetic is done on
 * UTC midnights so it never drifts by a day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parses an ISO date into its UTC midnight (ms); NaN if it is not one. */
export function isoToUtc(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function utcToIso(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Today's date in the Office's time zone, as an ISO date. */
export function todayIso(now: Date = new Date(), timeZone: string = TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDaysIso(iso: string, days: number): string {
  return utcToIso(isoToUtc(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoToUtc(to) - isoToUtc(from)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(iso: string): number {
  const d = new Date(isoToUtc(iso)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Days from `iso` to the Sunday that ends its (Monday-first) week: 0 on a Sunday. */
export function daysToEndOfWeek(iso: string): number {
  return 7 - isoWeekday(iso);
}

/** A reporting period: a whole year, a quarter (Q1–Q4) or a month (M01–M12). */
export type PeriodPart = 'year' | `Q${1 | 2 | 3 | 4}` | `M${string}`;

export interface Period {
  year: number;
  part: PeriodPart;
}

export const PERIOD_PARTS: readonly PeriodPart[] = [
  'year',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  ...Array.from({ length: 12 }, (_, i) => `M${pad(i + 1)}` as PeriodPart),
];

export function isPeriodPart(value: unknown): value is PeriodPart {
  return typeof value === 'string' && (PERIOD_PARTS as readonly string[]).includes(value);
}

/** First and last day (inclusive) of a period. */
export function periodRange({ year, part }: Period): { from: string; to: string } {
  let firstMonth = 1;
  let months = 12;
  if (part.startsWith('Q')) {
    firstMonth = (Number(part.slice(1)) - 1) * 3 + 1;
    months = 3;
  } else if (part.startsWith('M')) {
    firstMonth = Number(part.slice(1));
    months = 1;
  }
  const from = Date.UTC(year, firstMonth - 1, 1);
  const to = Date.UTC(year, firstMonth - 1 + months, 1) - DAY_MS;
  return { from: utcToIso(from), to: utcToIso(to) };
}

/** The years offered by the period picker: ten back from this year and the next one. */
export function yearChoices(currentYear: number, back = 10): number[] {
  return Array.from({ length: back + 2 }, (_, i) => currentYear + 1 - i);
}

/**
 * What a deadline says next to its date: "N days late" when the server says the task is overdue
 * (Task.isOverdue — the rule is the backend's), else for a task under way "today" or "in N
 * days" within a week; null otherwise. `days` is from today to the deadline.
 */
export function dueHint(args: {
  days: number;
  open: boolean;
  overdue: boolean;
}): { kind: 'late' | 'today' | 'soon'; days: number } | null {
  if (args.overdue) return { kind: 'late', days: Math.max(1, -args.days) };
  if (!args.open) return null;
  if (args.days === 0) return { kind: 'today', days: 0 };
  if (args.days > 0 && args.days <= 7) return { kind: 'soon', days: args.days };
  return null;
}
