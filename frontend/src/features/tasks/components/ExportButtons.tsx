import { useI18n } from '../../../app/i18n/useI18n';

export type ExportFormat = 'csv' | 'xlsx';

/** "Export CSV" / "Export Excel" for the whole filtered list (not only the page shown). */
export function ExportButtons({
  busy,
  disabled,
  message,
  onExport,
}: {
  busy: ExportFormat | null;
  disabled: boolean;
  message: string | null;
  onExport: (format: ExportFormat) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="export" role="group" aria-label={t('tasks.export.label')}>
      {(['csv', 'xlsx'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="button button--secondary"
          disabled={disabled || busy !== null}
          aria-busy={busy === f}
          data-testid={`export-${f}`}
          onClick={() => {
            onExport(f);
          }}
        >
          {busy === f ? t('tasks.export.working') : t(f === 'csv' ? 'tasks.export.csv' : 'tasks.export.xlsx')}
        </button>
      ))}
      <p className="export__message" role="status">
        {message ?? ''}
      </p>
    </div>
  );
}
