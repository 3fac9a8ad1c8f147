import { describe, expect, it } from 'vitest';
import { majorityLine, quorumNeeded } from './thresholds';

describe('the chart’s markers', () => {
  it('needs two thirds of the eligible voters for the quorum', () => {
    expect(quorumNeeded(3)).toBe(2);
    expect(quorumNeeded(7)).toBe(5);
    expect(quorumNeeded(9)).toBe(6);
    expect(quorumNeeded(0)).toBe(0);
  });

  it('puts the ABSOLUTE line above half of all eligible, TWO_THIRDS at two thirds, none for SIMPLE', () => {
    expect(majorityLine('ABSOLUTE', 7)).toBe(4);
    expect(majorityLine('ABSOLUTE', 8)).toBe(5);
    expect(majorityLine('TWO_THIRDS', 7)).toBe(5);
    expect(majorityLine('SIMPLE', 7)).toBeNull();
    expect(majorityLine('ABSOLUTE', 0)).toBeNull();
  });
});
