/**
 * Exponential back-off with "equal jitter": the n-th retry waits between half and all of
 * min(max, base · 2ⁿ). Used by the WebSocket reconnects, the token refresh retries and the
 * connection probe, so that many tablets coming back at once do not reconnect in lock-step.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 30_000, random = Math.random } = options;
  const n = Math.max(0, Math.floor(attempt));
  // 2 ** 30 is far beyond any maximum; clamping avoids Infinity for very large attempts.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(n, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
