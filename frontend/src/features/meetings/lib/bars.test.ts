import { describe, expect, it } from 'vitest';
import { lengthStep, tallyBars, turnout } from './bars';

const options = [
  { id: 'a', label: 'Tán thành' },
  { id: 'b', label: 'Không tán thành' },
  { id: 'c', label: 'Không ý kiến' },
];

describe('tallyBars', () => {
  it('is null while the server hides the counts', () => {
    expect(tallyBars(options, null, 7)).toBeNull();
    expect(tallyBars(options, undefined, 7)).toBeNull();
  });

  it('gives one bar per option in the vote order, scaled to the eligible voters', () => {
    const bars = tallyBars(
      options,
      [
        { option: { id: 'c' }, count: 1 },
        { option: { id: 'a' }, count: 3 },
      ],
      8,
    );
    expect(bars?.map((b) => [b.optionId, b.count])).toEqual([
      ['a', 3],
      ['b', 0],
      ['c', 1],
    ]);
    expect(bars?.[0]?.length).toBe(3 / 8);
    expect(bars?.[0]?.percent).toBe(75);
    expect(bars?.[2]?.shareOfCast).toBe(0.25);
    expect(bars?.[1]?.length).toBe(0);
  });

  it('has zero shares when nothing was cast, and never divides by zero', () => {
    const bars = tallyBars(options, [], 0);
    expect(bars?.every((b) => b.length === 0 && b.percent === 0 && b.shareOfCast === 0)).toBe(true);
  });

  it('never draws a bar longer than the scale, even with more ballots than eligible voters', () => {
    const bars = tallyBars(options, [{ option: { id: 'a' }, count: 5 }], 3);
    expect(bars?.[0]?.length).toBe(1);
  });

  it('ignores negative counts', () => {
    const bars = tallyBars(options, [{ option: { id: 'b' }, count: -2 }], 3);
    expect(bars?.[1]?.count).toBe(0);
  });
});

describe('turnout and bar lengths', () => {
  it('measures turnout within 0…1', () => {
    expect(turnout(2, 3)).toBeCloseTo(2 / 3);
    expect(turnout(4, 3)).toBe(1);
    expect(turnout(1, 0)).toBe(0);
  });

  it('maps lengths to CSS steps of 2.5 %, with a visible sliver for any non-zero count', () => {
    expect(lengthStep(0)).toBe(0);
    expect(lengthStep(0.001)).toBe(1);
    expect(lengthStep(0.5)).toBe(20);
    expect(lengthStep(1)).toBe(40);
    expect(lengthStep(3)).toBe(40);
    expect(lengthStep(Number.NaN)).toBe(0);
  });
});
