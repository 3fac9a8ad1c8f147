import { describe, expect, it } from 'vitest';
import { layoutChart, onTimeRate, toChartBars, totals } from './stats';
import type { UnitStats } from './stats';

const TTTH = { id: 'u-ttth', code: 'TTTH', name: 'Trung tâm Tin học', shortName: 'TTTH' };
const CQT = { id: 'u-cqt', code: 'CQT', name: 'Cục Quản trị', shortName: 'Cục QT' };
const VTH = { id: 'u-vth', code: 'VTH', name: 'Vụ Tổng hợp', shortName: null };

const stats: UnitStats[] = [
  { unit: TTTH, assigned: 2, completedOnTime: 1, completedLate: 0, inProgress: 0, overdue: 1, onTimeRate: 0.5 },
  { unit: CQT, assigned: 1, completedOnTime: 0, completedLate: 0, inProgress: 0, overdue: 1, onTimeRate: 0 },
  { unit: VTH, assigned: 1, completedOnTime: 0, completedLate: 0, inProgress: 1, overdue: 0, onTimeRate: null },
];

describe('toChartBars', () => {
  it('makes one bar per unit with its rate and rounded percent', () => {
    const bars = toChartBars(stats);
    expect(bars.map((b) => [b.label, b.rate, b.percent])).toEqual([
      ['TTTH', 0.5, 50],
      ['Cục QT', 0, 0],
      ['VTH', null, null],
    ]);
  });

  it('keeps "no known outcome" (null) apart from 0 %', () => {
    const [, cqt, vth] = toChartBars(stats);
    expect(cqt?.decided).toBe(1);
    expect(vth?.decided).toBe(0);
  });

  it('computes the rate when the server left it out', () => {
    const first = stats[0];
    if (!first) throw new Error('no fixture');
    const bars = toChartBars([{ ...first, onTimeRate: undefined, completedLate: 2 }]);
    expect(bars[0]?.rate).toBeCloseTo(0.25);
  });

  it('highlights the viewer’s unit', () => {
    expect(toChartBars(stats, 'u-cqt').map((b) => b.highlighted)).toEqual([false, true, false]);
  });
});

describe('totals', () => {
  it('adds the figures and recomputes the overall rate', () => {
    expect(totals(stats)).toEqual({
      assigned: 4,
      completedOnTime: 1,
      completedLate: 0,
      inProgress: 1,
      overdue: 2,
      onTimeRate: 1 / 3,
    });
  });

  it('has no rate without decided tasks', () => {
    expect(totals([]).onTimeRate).toBeNull();
    expect(onTimeRate({ assigned: 3, completedOnTime: 0, completedLate: 0, inProgress: 3, overdue: 0 })).toBeNull();
  });
});

describe('layoutChart', () => {
  it('scales bars to the plot width and stacks the rows', () => {
    const layout = layoutChart(toChartBars(stats), {
      width: 400,
      labelWidth: 100,
      valueWidth: 50,
      rowHeight: 30,
      top: 20,
    });
    expect(layout.plotWidth).toBe(250);
    expect(layout.rows.map((r) => r.barWidth)).toEqual([125, 0, 0]);
    expect((layout.rows[1]?.y ?? 0) - (layout.rows[0]?.y ?? 0)).toBe(30);
    expect(layout.height).toBe(20 + 3 * 30 + 8);
    expect(layout.ticks.map((t) => t.x)).toEqual([100, 162.5, 225, 287.5, 350]);
  });

  it('never draws past 100 %', () => {
    const [bar] = toChartBars(stats);
    if (!bar) throw new Error('no bar');
    const layout = layoutChart([{ ...bar, rate: 1.4 }], { width: 300, labelWidth: 100, valueWidth: 0 });
    expect(layout.rows[0]?.barWidth).toBe(200);
  });
});
