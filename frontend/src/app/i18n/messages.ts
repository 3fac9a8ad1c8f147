import { en, vi } from './catalogs';

/**
 * The message catalogues and the pure functions over them. Vietnamese is the default and the
 * fallback: a key missing in English shows the Vietnamese text, a key missing everywhere
 * shows the key itself (a test keeps both languages' keys identical). The catalogues are the
 * app's and each feature's, merged in catalogs.ts.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export type MessageKey = keyof typeof vi;
export type Catalog = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { vi, en };

/** BCP 47 locale used by Intl for each language (en-GB keeps dd/MM/yyyy in English too). */
export const INTL_LOCALE: Readonly<Record<Language, string>> = { vi: 'vi-VN', en: 'en-GB' };

/** The time zone of the Government's meetings, whatever the device says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function translate(
  language: Language,
  key: string,
  params?: Params,
  catalogs: Readonly<Record<Language, Catalog>> = CATALOGS,
): string {
  const template = catalogs[language][key] ?? catalogs[DEFAULT_LANGUAGE][key] ?? key;
  return interpolate(template, params);
}

export function hasMessage(key: string, catalogs: Readonly<Record<Language, Catalog>> = CATALOGS): boolean {
  return key in catalogs[DEFAULT_LANGUAGE];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: Date | string | number): { date: Date; dateOnly: boolean } {
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value);
    if (m) return { date: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), dateOnly: true };
  }
  return { date: value instanceof Date ? value : new Date(value), dateOnly: false };
}

/**
 * A date as dd/MM/yyyy (both languages), through Intl's parts so the order never depends on
 * the browser's locale data. ISO dates ("2019-09-17") are calendar dates and are not shifted;
 * instants are shown in Vietnam's time zone.
 */
export function formatDate(value: Date | string | number, language: Language, timeZone: string = TIME_ZONE): string {
  const { date, dateOnly } = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** A date and time: "dd/MM/yyyy HH:mm" (24-hour clock). */
export function formatDateTime(
  value: Date | string | number,
  language: Language,
  timeZone: string = TIME_ZONE,
): string {
  const { date } = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatDate(date, language, timeZone)} ${part('hour')}:${part('minute')}`;
}

/** The day of the week ("Thứ Ba" / "Tuesday"). */
export function formatWeekday(value: Date | string | number, language: Language, timeZone: string = TIME_ZONE): string {
  const { date, dateOnly } = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    weekday: 'long',
    timeZone: dateOnly ? 'UTC' : timeZone,
  }).format(date);
}

/** A long, spelled-out date for headings ("Thứ Ba, 17 tháng 9, 2019" / "Tuesday, 17 September 2019"). */
export function formatLongDate(
  value: Date | string | number,
  language: Language,
  timeZone: string = TIME_ZONE,
): string {
  const { date, dateOnly } = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    dateStyle: 'full',
    timeZone: dateOnly ? 'UTC' : timeZone,
  }).format(date);
}
