import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first call at once and folds a burst into one trailing run', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 200);
    c();
    expect(fn).toHaveBeenCalledTimes(1);
    c();
    c();
    c();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(199);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('runs at once again after a quiet period', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 100);
    c();
    vi.advanceTimersByTime(500);
    c();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 100);
    c();
    c();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
