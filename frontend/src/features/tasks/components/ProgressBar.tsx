import { useI18n } from '../../../app/i18n/useI18n';

/** Progress in percent: a native <progress> (styled in CSS, no inline style) and its number. */
export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const { t } = useI18n();
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <span className="task-progress">
      <progress
        className={percent >= 100 ? 'task-progress__bar task-progress__bar--done' : 'task-progress__bar'}
        max={100}
        value={percent}
        aria-label={label ?? t('tasks.field.progress')}
      >
        {percent}%
      </progress>
      <span className="task-progress__value">{percent}%</span>
    </span>
  );
}
