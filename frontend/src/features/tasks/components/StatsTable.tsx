import { useI18n } from '../../../app/i18n/useI18n';
import type { StatsTotals, UnitStats } from '../lib/stats';

function rate(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The figures per lead unit: assigned, on time, late, in progress, overdue, on-time rate. */
export function StatsTable({
  stats,
  totals,
  highlightUnitId,
}: {
  stats: readonly UnitStats[];
  totals: StatsTotals;
  highlightUnitId?: string | null;
}) {
  const { t, language } = useI18n();
  const headers = [
    t('tasks.dashboard.assigned'),
    t('tasks.dashboard.completedOnTime'),
    t('tasks.dashboard.completedLate'),
    t('tasks.dashboard.inProgress'),
    t('tasks.dashboard.overdue'),
    t('tasks.dashboard.onTimeRate'),
  ];
  return (
    <div className="table-wrap">
      <table className="data-table stats-table" data-testid="stats-table">
        <caption className="visually-hidden">{t('tasks.dashboard.figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tasks.field.leadUnit')}</th>
            {headers.map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.map((s, i) => (
            <tr
              key={s.unit?.id ?? i}
              className={highlightUnitId && s.unit?.id === highlightUnitId ? 'is-highlighted' : undefined}
              data-testid="stats-row"
              data-unit={s.unit?.code ?? ''}
            >
              <th scope="row" data-label={t('tasks.field.leadUnit')}>
                {s.unit?.name ?? '—'}
              </th>
              <td className="num" data-label={headers[0]} data-field="assigned">
                {s.assigned}
              </td>
              <td className="num" data-label={headers[1]} data-field="completedOnTime">
                {s.completedOnTime}
              </td>
              <td className="num" data-label={headers[2]} data-field="completedLate">
                {s.completedLate}
              </td>
              <td className="num" data-label={headers[3]} data-field="inProgress">
                {s.inProgress}
              </td>
              <td className="num" data-label={headers[4]} data-field="overdue">
                {s.overdue}
              </td>
              <td className="num" data-label={headers[5]} data-field="onTimeRate">
                {rate(s.onTimeRate, language)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="stats-total">
            <th scope="row" data-label="">
              {t('tasks.dashboard.total')}
            </th>
            <td className="num" data-label={headers[0]}>
              {totals.assigned}
            </td>
            <td className="num" data-label={headers[1]}>
              {totals.completedOnTime}
            </td>
            <td className="num" data-label={headers[2]}>
              {totals.completedLate}
            </td>
            <td className="num" data-label={headers[3]}>
              {totals.inProgress}
            </td>
            <td className="num" data-label={headers[4]}>
              {totals.overdue}
            </td>
            <td className="num" data-label={headers[5]}>
              {rate(totals.onTimeRate, language)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
