import type { MessageKey, Params } from '../../../app/i18n/messages';

/**
 * One line of a task's history in words. The server records a kind and a few details
 * (dates as ISO strings, "a → b" for a changed deadline); unknown kinds show as they are.
 */
export interface HistoryEntryLike {
  kind: string;
  details: unknown;
}

export interface HistoryI18n {
  t: (key: MessageKey, params?: Params) => string;
  formatDate: (value: string) => string;
}

function record(details: unknown): Record<string, unknown> {
  return typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && value !== 'None' ? value : null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A date if it is one ("2019-12-31" → "31/12/2019"), else the text itself. */
function date(value: unknown, i18n: HistoryI18n): string {
  const s = text(value);
  if (s === null) return '—';
  return ISO.test(s) ? i18n.formatDate(s) : s;
}

/** "2019-12-31 → 2020-06-30" → "31/12/2019 → 30/06/2020". */
function dateChange(value: unknown, i18n: HistoryI18n): string {
  const s = text(value) ?? '';
  const [from, to] = s.split(' → ');
  return `${date(from, i18n)} → ${date(to, i18n)}`;
}

export function describeHistory(entry: HistoryEntryLike, i18n: HistoryI18n): string {
  const d = record(entry.details);
  const { t } = i18n;
  switch (entry.kind) {
    case 'CREATED':
      return text(d.due)
        ? t('tasks.history.CREATED_DUE', { code: text(d.code) ?? '', due: date(d.due, i18n) })
        : t('tasks.history.CREATED', { code: text(d.code) ?? '' });
    case 'PROGRESS':
      return d.status === 'COMPLETED'
        ? t('tasks.history.COMPLETED')
        : t('tasks.history.PROGRESS', { progress: Number(d.progress ?? 0) });
    case 'COMMENTED':
      return t('tasks.history.COMMENTED');
    case 'EXTENSION_REQUESTED':
      return t('tasks.history.EXTENSION_REQUESTED', { to: date(d.to, i18n) });
    case 'EXTENSION_APPROVED':
      return text(d.to)
        ? t('tasks.history.EXTENSION_APPROVED_DATES', { from: date(d.from, i18n), to: date(d.to, i18n) })
        : t('tasks.history.EXTENSION_APPROVED');
    case 'EXTENSION_REFUSED':
      return t('tasks.history.EXTENSION_REFUSED');
    case 'CANCELLED':
      return text(d.reason)
        ? t('tasks.history.CANCELLED_REASON', { reason: String(d.reason) })
        : t('tasks.history.CANCELLED');
    case 'UPDATED': {
      const parts: string[] = [];
      if ('title' in d) parts.push(t('tasks.field.title'));
      if ('description' in d) parts.push(t('tasks.field.description'));
      if ('due' in d) parts.push(`${t('tasks.field.dueDate')} (${dateChange(d.due, i18n)})`);
      if ('priority' in d) parts.push(t('tasks.field.priority'));
      if ('responsible' in d) parts.push(t('tasks.field.responsible'));
      if ('coordinators' in d) parts.push(t('tasks.field.coordinatingUnits'));
      return parts.length
        ? t('tasks.history.UPDATED_FIELDS', { fields: parts.join(', ') })
        : t('tasks.history.UPDATED');
    }
    default:
      return entry.kind;
  }
}
