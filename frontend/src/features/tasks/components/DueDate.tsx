import { useI18n } from '../../../app/i18n/useI18n';
import { daysBetween } from '../lib/dates';

/** A deadline as dd/MM/yyyy, with "in N days" / "N days late" for open tasks. */
export function DueDate({
  dueDate,
  today,
  open,
}: {
  dueDate: string | null | undefined;
  today: string;
  open: boolean;
}) {
  const { t, formatDate } = useI18n();
  if (!dueDate) return <span className="muted">{t('tasks.noDeadline')}</span>;
  const days = daysBetween(today, dueDate);
  let hint: string | null = null;
  if (open) {
    if (days < 0) hint = t('tasks.due.late', { days: -days });
    else if (days === 0) hint = t('tasks.due.today');
    else if (days <= 7) hint = t('tasks.due.inDays', { days });
  }
  return (
    <span className="task-due">
      <time dateTime={dueDate}>{formatDate(dueDate)}</time>
      {hint ? (
        <span className={days < 0 ? 'task-due__hint task-due__hint--late' : 'task-due__hint'}>{hint}</span>
      ) : null}
    </span>
  );
}
