import { describe, expect, it } from 'vitest';
import { en, vi } from './catalogs';
import { formatDate, formatDateTime, formatWeekday, interpolate, isLanguage, translate } from './messages';

type CatalogFile = Record<string, string>;
/** Every catalogue in the tree, app and features, found by path (not by the list in catalogs.ts). */
const FILES = import.meta.glob<CatalogFile>(['../../locales/*.json', '../../features/*/locales/*.json'], {
  eager: true,
  import: 'default',
});
const folders = [...new Set(Object.keys(FILES).map((path) => path.replace(/[^/]+\.json$/, '')))].sort();
const file = (folder: string, lang: 'vi' | 'en'): CatalogFile => FILES[`${folder}${lang}.json`] ?? {};
const featureOf = (folder: string) => /features\/([^/]+)\/locales\/$/.exec(folder)?.[1] ?? null;

describe('locale files', () => {
  it('finds the app catalogue and the features’ own', () => {
    expect(folders).toContain('../../locales/');
    expect(folders).toEqual(
      expect.arrayContaining(['../../features/meetings/locales/', '../../features/tasks/locales/']),
    );
  });

  it.each(folders)('%s: vi.json and en.json have exactly the same keys', (folder) => {
    const viKeys = Object.keys(file(folder, 'vi')).sort();
    const enKeys = Object.keys(file(folder, 'en')).sort();
    expect(viKeys.length).toBeGreaterThan(0);
    expect(enKeys.filter((k) => !viKeys.includes(k))).toEqual([]);
    expect(viKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it.each(folders)('%s: a feature’s keys start with its name', (folder) => {
    const feature = featureOf(folder);
    const keys = Object.keys(file(folder, 'vi'));
    if (feature === null) expect(keys.filter((k) => /^(meetings|tasks|notifications|org)\./.test(k))).toEqual([]);
    else expect(keys.filter((k) => !k.startsWith(`${feature}.`))).toEqual([]);
  });

  it('merges every catalogue, each key from one place only', () => {
    const all = folders.flatMap((folder) => Object.keys(file(folder, 'vi')));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(vi).sort()).toEqual([...all].sort());
    expect(Object.keys(en).sort()).toEqual([...all].sort());
  });

  it('has no empty message', () => {
    for (const [lang, catalog] of Object.entries({ vi, en }))
      for (const [key, value] of Object.entries(catalog)) expect(value.trim(), `${lang}:${key}`).not.toBe('');
  });

  it('uses the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(names(en[key]), key).toEqual(names(vi[key]));
  });

  it('names every role of the schema', () => {
    for (const role of [
      'ADMIN',
      'CABINET_MEMBER',
      'SECRETARY',
      'UNIT_HEAD',
      'STAFF',
      'HR_OFFICER',
      'CLERK',
      'TREATY_OFFICER',
      'ASSET_MANAGER',
      'AUDITOR',
    ])
      expect(Object.keys(vi)).toContain(`org.role.${role}`);
  });
});

describe('translate', () => {
  it('returns the message of the language', () => {
    expect(translate('vi', 'nav.meetings')).toBe('Cuộc họp');
    expect(translate('en', 'nav.meetings')).toBe('Meetings');
  });

  it('falls back to Vietnamese, then to the key', () => {
    const catalogs = { vi: { only: 'Chỉ tiếng Việt' }, en: {} };
    expect(translate('en', 'only', undefined, catalogs)).toBe('Chỉ tiếng Việt');
    expect(translate('en', 'missing.key', undefined, catalogs)).toBe('missing.key');
  });

  it('fills in {placeholders} and leaves unknown ones', () => {
    expect(translate('en', 'org.home.welcome', { name: 'Nguyễn Văn A' })).toBe('Welcome, Nguyễn Văn A');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('knows its languages', () => {
    expect(isLanguage('vi')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
  });
});

describe('dates', () => {
  it('formats dates as dd/MM/yyyy in Vietnamese', () => {
    expect(formatDate(new Date('2019-09-17T03:00:00Z'), 'vi')).toBe('17/09/2019');
    expect(formatDate('2019-01-05', 'vi')).toBe('05/01/2019');
  });

  it('formats dates as dd/MM/yyyy in English too', () => {
    expect(formatDate('2019-09-17', 'en')).toBe('17/09/2019');
  });

  it('shows instants in Vietnam time (UTC+7)', () => {
    expect(formatDate('2019-09-16T20:30:00Z', 'vi')).toBe('17/09/2019');
    expect(formatDateTime('2019-09-17T01:05:00Z', 'vi')).toBe('17/09/2019 08:05');
  });

  it('keeps calendar dates on their day whatever the time zone', () => {
    expect(formatDate('2019-12-31', 'vi', 'America/Los_Angeles')).toBe('31/12/2019');
  });

  it('names the weekday in each language', () => {
    expect(formatWeekday('2019-09-17', 'vi')).toBe('Thứ Ba');
    expect(formatWeekday('2019-09-17', 'en')).toBe('Tuesday');
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDate('not a date', 'vi')).toBe('');
  });
});
