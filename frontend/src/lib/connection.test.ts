import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionMonitor } from './connection';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connection monitor', () => {
  it('goes to reconnecting on a failure and probes with back-off until the server answers', async () => {
    const answers = [false, false, true];
    const probe = vi.fn(() => Promise.resolve(answers.shift() ?? true));
    const m = createConnectionMonitor({ probe, delay: (n) => 1000 * 2 ** n });
    const reconnected = vi.fn();
    m.onReconnected(reconnected);
    m.reportFailure();
    expect(m.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(m.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(4000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(m.state).toBe('online');
    expect(reconnected).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('returns to online at once when a request succeeds', () => {
    const m = createConnectionMonitor({ probe: () => Promise.resolve(false) });
    const listener = vi.fn();
    m.subscribe(listener);
    m.reportFailure();
    m.reportFailure();
    m.reportSuccess();
    expect(m.state).toBe('online');
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('counts a throwing probe as still down', async () => {
    const probe = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const m = createConnectionMonitor({ probe, delay: () => 100 });
    m.reportFailure();
    await vi.advanceTimersByTimeAsync(350);
    expect(probe.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(m.state).toBe('reconnecting');
    m.dispose();
  });

  it('probeNow skips the wait', async () => {
    const probe = vi.fn(() => Promise.resolve(true));
    const m = createConnectionMonitor({ probe, delay: () => 60_000 });
    m.reportFailure();
    m.probeNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.state).toBe('online');
  });
});
