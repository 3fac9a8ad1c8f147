import { backoffDelay } from './backoff';

/**
 * Whether the server can be reached. Requests report failures and successes; while
 * `reconnecting`, a probe (GET /healthz) runs with exponential back-off and jitter until it
 * answers, then the state returns to `online` and `reconnected` listeners run.
 */
export type ConnectionState = 'online' | 'reconnecting';

export interface ConnectionMonitorOptions {
  probe: () => Promise<boolean>;
  delay?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ConnectionMonitor {
  readonly state: ConnectionState;
  reportFailure(): void;
  reportSuccess(): void;
  /** Probe now (e.g. the browser said it is back online). */
  probeNow(): void;
  subscribe(listener: () => void): () => void;
  onReconnected(listener: () => void): () => void;
  dispose(): void;
}

export function createConnectionMonitor(options: ConnectionMonitorOptions): ConnectionMonitor {
  const delay = options.delay ?? ((n: number) => backoffDelay(n));
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ??
    ((h: unknown) => {
      clearTimeout(h as ReturnType<typeof setTimeout>);
    });
  const listeners = new Set<() => void>();
  const reconnectedListeners = new Set<() => void>();
  let state: ConnectionState = 'online';
  let attempt = 0;
  let timer: unknown = null;
  let probing = false;
  let disposed = false;

  const currentState = (): ConnectionState => state;
  const isDisposed = (): boolean => disposed;

  const emit = () => {
    for (const l of [...listeners]) l();
  };

  const cancelTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const schedule = () => {
    cancelTimer();
    if (disposed || state === 'online') return;
    timer = setTimer(() => {
      timer = null;
      void runProbe();
    }, delay(attempt));
    attempt += 1;
  };

  const runProbe = async () => {
    if (probing || disposed || state === 'online') return;
    probing = true;
    let ok: boolean;
    try {
      ok = await options.probe();
    } catch {
      ok = false;
    } finally {
      probing = false;
    }
    // The state may have changed while the probe ran.
    if (currentState() === 'online' || isDisposed()) return;
    if (ok) monitor.reportSuccess();
    else schedule();
  };

  const monitor: ConnectionMonitor = {
    get state() {
      return state;
    },
    reportFailure() {
      if (disposed || state === 'reconnecting') return;
      state = 'reconnecting';
      attempt = 0;
      emit();
      schedule();
    },
    reportSuccess() {
      if (state === 'online') return;
      state = 'online';
      attempt = 0;
      cancelTimer();
      emit();
      for (const l of [...reconnectedListeners]) l();
    },
    probeNow() {
      if (state === 'online') return;
      cancelTimer();
      void runProbe();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectedListeners.add(listener);
      return () => reconnectedListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      cancelTimer();
      listeners.clear();
      reconnectedListeners.clear();
    },
  };
  return monitor;
}
