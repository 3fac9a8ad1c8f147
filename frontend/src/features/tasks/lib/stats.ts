/**
 * Task statistics → what the dashboard draws: one bar per lead unit (on-time rate), a totals
 * row, and the geometry of the SVG chart. Pure functions over the API's UnitTaskStatistics.
 */
export interface UnitStats {
  unit?: { id: string; code: string; name: string; shortName?: string | null } | null;
  assigned: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  onTimeRate?: number | null;
}

export interface ChartBar {
  key: string;
  /** Short label on the axis (the unit's abbreviation, else its code). */
  label: string;
  /** Full unit name (title / accessible description). */
  name: string;
  /** 0–1, or null when no task of the unit has a known outcome yet. */
  rate: number | null;
  /** Rounded percent for the label, or null. */
  percent: number | null;
  /** Tasks whose outcome is known: completed (on time or late) or overdue. */
  decided: number;
  assigned: number;
  highlighted: boolean;
}

export function decidedCount(s: UnitStats): number {
  return s.completedOnTime + s.completedLate + s.overdue;
}

/** The on-time rate the backend defines: on time ÷ (completed + overdue), null if none. */
export function onTimeRate(s: UnitStats): number | null {
  const decided = decidedCount(s);
  return decided ? s.completedOnTime / decided : null;
}

export function toChartBars(stats: readonly UnitStats[], highlightUnitId?: string | null): ChartBar[] {
  return stats.map((s, i) => {
    const rate = s.onTimeRate ?? onTimeRate(s);
    return {
      key: s.unit?.id ?? `unit-${i}`,
      label: s.unit?.shortName ?? s.unit?.code ?? '—',
      name: s.unit?.name ?? '—',
      rate,
      percent: rate === null ? null : Math.round(rate * 100),
      decided: decidedCount(s),
      assigned: s.assigned,
      highlighted: Boolean(highlightUnitId && s.unit?.id === highlightUnitId),
    };
  });
}

export interface StatsTotals {
  assigned: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  onTimeRate: number | null;
}

export function totals(stats: readonly UnitStats[]): StatsTotals {
  const sum = (pick: (s: UnitStats) => number) => stats.reduce((n, s) => n + pick(s), 0);
  const t = {
    assigned: sum((s) => s.assigned),
    completedOnTime: sum((s) => s.completedOnTime),
    completedLate: sum((s) => s.completedLate),
    inProgress: sum((s) => s.inProgress),
    overdue: sum((s) => s.overdue),
  };
  return { ...t, onTimeRate: onTimeRate(t) };
}

export interface ChartLayout {
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
  rowHeight: number;
  barHeight: number;
  top: number;
  /** Vertical grid lines at 0, 25, 50, 75 and 100 %. */
  ticks: { percent: number; x: number }[];
  rows: (ChartBar & { y: number; barWidth: number; valueX: number })[];
}

/** Positions for a horizontal bar chart in SVG user units (the SVG scales to its box). */
export function layoutChart(
  bars: readonly ChartBar[],
  options: { width?: number; labelWidth?: number; rowHeight?: number; valueWidth?: number; top?: number } = {},
): ChartLayout {
  const width = options.width ?? 720;
  const labelWidth = options.labelWidth ?? 150;
  const rowHeight = options.rowHeight ?? 36;
  const valueWidth = options.valueWidth ?? 56;
  const top = options.top ?? 24;
  const plotWidth = width - labelWidth - valueWidth;
  const barHeight = Math.round(rowHeight * 0.6);
  return {
    width,
    height: top + bars.length * rowHeight + 8,
    labelWidth,
    plotWidth,
    rowHeight,
    barHeight,
    top,
    ticks: [0, 25, 50, 75, 100].map((percent) => ({ percent, x: labelWidth + (plotWidth * percent) / 100 })),
    rows: bars.map((b, i) => {
      const barWidth = b.rate === null ? 0 : Math.max(0, Math.min(1, b.rate)) * plotWidth;
      return {
        ...b,
        y: top + i * rowHeight + (rowHeight - barHeight) / 2,
        barWidth,
        valueX: labelWidth + barWidth + 6,
      };
    }),
  };
}
