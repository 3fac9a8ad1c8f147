import { useId } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { Period, PeriodPart } from '../lib/dates';
import { PERIOD_PARTS, yearChoices } from '../lib/dates';

/** Year and part of it (whole year, a quarter, a month) — tasks due in that period count. */
export function PeriodPicker({
  value,
  currentYear,
  onChange,
}: {
  value: Period;
  currentYear: number;
  onChange: (period: Period) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const years = yearChoices(currentYear);
  if (!years.includes(value.year)) years.push(value.year);
  years.sort((a, b) => b - a);
  const partLabel = (p: PeriodPart) =>
    p === 'year'
      ? t('tasks.period.wholeYear')
      : p.startsWith('Q')
        ? t('tasks.period.quarter', { n: p.slice(1) })
        : t('tasks.period.month', { n: Number(p.slice(1)) });
  return (
    <form
      className="filters period-picker"
      aria-label={t('tasks.period.label')}
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('tasks.period.year')}</label>
        <select
          id={`${id}-year`}
          className="input"
          value={value.year}
          data-testid="period-year"
          onChange={(e) => {
            onChange({ ...value, year: Number(e.target.value) });
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-part`}>{t('tasks.period.part')}</label>
        <select
          id={`${id}-part`}
          className="input"
          value={value.part}
          data-testid="period-part"
          onChange={(e) => {
            onChange({ ...value, part: e.target.value as PeriodPart });
          }}
        >
          {PERIOD_PARTS.map((p) => (
            <option key={p} value={p}>
              {partLabel(p)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
