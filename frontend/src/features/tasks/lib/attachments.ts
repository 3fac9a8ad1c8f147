import type { I18n } from '../../../app/i18n/useI18n';

/** The server's limits on a progress report's attachments (ReportProgressInput.attachments). */
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_MB = 50;

/** Why these files cannot be sent, in the user's language (`t` of useI18n); null when they can. */
export function attachmentProblem(files: readonly { name: string; size: number }[], t: I18n['t']): string | null {
  if (files.length > MAX_ATTACHMENTS) return t('tasks.attachments.tooMany', { max: MAX_ATTACHMENTS });
  const big = files.find((f) => f.size > MAX_ATTACHMENT_MB * 1024 * 1024);
  return big ? t('tasks.attachments.tooLarge', { name: big.name, size: MAX_ATTACHMENT_MB }) : null;
}

/** An attachment's size for people: 12 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
