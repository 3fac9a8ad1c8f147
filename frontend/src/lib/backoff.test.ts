import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles with each attempt, between half and all of the ceiling', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(500);
    expect(backoffDelay(0, { random: () => 1 })).toBe(1000);
    expect(backoffDelay(3, { random: () => 0 })).toBe(4000);
    expect(backoffDelay(3, { random: () => 1 })).toBe(8000);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(50, { random: () => 1 })).toBe(30_000);
    expect(backoffDelay(1e6, { maxMs: 5000, random: () => 0.5 })).toBe(3750);
  });

  it('spreads clients apart (jitter)', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
