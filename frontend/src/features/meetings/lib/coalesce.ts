/**
 * Runs `fn` at most once per `waitMs`: the first call runs at once, calls within the window
 * are folded into one trailing run. A burst of meeting events (a vote opens, attendance
 * changes…) thus becomes one or two re-queries, and the last one always comes after the
 * last event.
 */
export interface Coalesced {
  (): void;
  cancel(): void;
}

export function coalesce(
  fn: () => void,
  waitMs: number,
  timers: {
    set: (f: () => void, ms: number) => unknown;
    clear: (h: unknown) => void;
    now: () => number;
  } = {
    set: (f, ms) => setTimeout(f, ms),
    clear: (h) => {
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
    now: () => Date.now(),
  },
): Coalesced {
  let last = -Infinity;
  let pending: unknown = null;
  const run = () => {
    pending = null;
    last = timers.now();
    fn();
  };
  const call = (() => {
    if (pending !== null) return;
    const since = timers.now() - last;
    if (since >= waitMs) run();
    else pending = timers.set(run, waitMs - since);
  }) as Coalesced;
  call.cancel = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
  };
  return call;
}
