import { useI18n } from '../../../app/i18n/useI18n';

/** The task's status as a coloured badge, plus "overdue" when it is. */
export function TaskStatusBadge({ status, isOverdue }: { status: string; isOverdue?: boolean }) {
  const { tDynamic, t } = useI18n();
  return (
    <span className="task-badges">
      <span className={`task-status task-status--${status.toLowerCase().replace(/_/g, '-')}`} data-testid="task-status">
        {tDynamic(`tasks.status.${status}`, status)}
      </span>
      {isOverdue ? (
        <span className="task-status task-status--overdue" data-testid="task-overdue">
          {t('tasks.overdue')}
        </span>
      ) : null}
    </span>
  );
}
