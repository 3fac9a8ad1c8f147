import { useI18n } from '../../../app/i18n/useI18n';
import { daysBetween, dueHint } from '../lib/dates';

/**
 * A deadline as dd/MM/yyyy, with "in N days" / "today" for a task under way and "N days late"
 * for one the server says is overdue (Task.isOverdue: the rule lives in the backend only).
 */
export function DueDate({
  dueDate,
  today,
  open,
  overdue,
}: {
  dueDate: string | null | undefined;
  today: string;
  open: boolean;
  overdue: boolean;
}) {
  const { t, formatDate } = useI18n();
  if (!dueDate) return <span className="muted">{t('tasks.noDeadline')}</span>;
  const days = daysBetween(today, dueDate);
  const due = dueHint({ days, open, overdue });
  const hint =
    due === null
      ? null
      : due.kind === 'late'
        ? t('tasks.due.late', { days: due.days })
        : due.kind === 'today'
          ? t('tasks.due.today')
          : t('tasks.due.inDays', { days: due.days });
  return (
    <span className="task-due">
      <time dateTime={dueDate}>{formatDate(dueDate)}</time>
      {hint ? <span className={overdue ? 'task-due__hint task-due__hint--late' : 'task-due__hint'}>{hint}</span> : null}
    </span>
  );
}
