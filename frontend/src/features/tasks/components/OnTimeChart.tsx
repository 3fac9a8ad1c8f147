import { useId } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { ChartBar } from '../lib/stats';
import { layoutChart } from '../lib/stats';

/**
 * On-time rate per lead unit as horizontal bars, drawn in SVG with attributes only (the CSP
 * forbids inline styles; colours come from the stylesheet). The figures table next to it
 * carries the same numbers for screen readers and for copying.
 */
export function OnTimeChart({ bars }: { bars: readonly ChartBar[] }) {
  const { t } = useI18n();
  const id = useId();
  const layout = layoutChart(bars);
  const summary = bars
    .map((b) => `${b.name}: ${b.percent === null ? t('tasks.dashboard.noRate') : `${b.percent}%`}`)
    .join('; ');
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      data-testid="ontime-chart"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{t('tasks.dashboard.chartTitle')}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {layout.ticks.map((tick) => (
        <g key={tick.percent} className="chart__tick">
          <line x1={tick.x} x2={tick.x} y1={layout.top - 6} y2={layout.height - 6} />
          <text x={tick.x} y={layout.top - 10} textAnchor="middle">
            {tick.percent}%
          </text>
        </g>
      ))}
      {layout.rows.map((row) => (
        <g
          key={row.key}
          className={row.highlighted ? 'chart__row chart__row--highlight' : 'chart__row'}
          data-testid="chart-bar"
          data-unit={row.label}
          data-percent={row.percent ?? ''}
        >
          <title>
            {`${row.name}: ${row.percent === null ? t('tasks.dashboard.noRate') : `${row.percent}%`} (${t('tasks.dashboard.decided', { count: row.decided })})`}
          </title>
          <text
            className="chart__label"
            x={layout.labelWidth - 10}
            y={row.y + layout.barHeight / 2}
            textAnchor="end"
            dominantBaseline="central"
          >
            {row.label}
          </text>
          <rect
            className="chart__track"
            x={layout.labelWidth}
            y={row.y}
            width={layout.plotWidth}
            height={layout.barHeight}
            rx={3}
          />
          {row.barWidth > 0 ? (
            <rect
              className={`chart__bar ${row.percent !== null && row.percent < 50 ? 'chart__bar--low' : row.percent !== null && row.percent < 80 ? 'chart__bar--mid' : 'chart__bar--high'}`}
              x={layout.labelWidth}
              y={row.y}
              width={row.barWidth}
              height={layout.barHeight}
              rx={3}
            />
          ) : null}
          <text className="chart__value" x={row.valueX} y={row.y + layout.barHeight / 2} dominantBaseline="central">
            {row.percent === null ? '—' : `${row.percent}%`}
          </text>
        </g>
      ))}
    </svg>
  );
}
