import { useI18n } from '../../app/i18n/useI18n';
import './form.css';

/** A form's submit button (disabled and saying so while the change is under way) and Close. */
export function FormButtons({
  busy,
  label,
  onCancel,
  testId,
}: {
  busy: boolean;
  label: string;
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form__buttons">
      <button type="submit" className="button button--primary" disabled={busy} data-testid={testId}>
        {busy ? t('form.saving') : label}
      </button>
      {onCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          {t('form.close')}
        </button>
      ) : null}
    </div>
  );
}
