/**
 * A vote arrives from several places — the page's query, the `voteUpdated` subscription,
 * a mutation's payload — in any order. Every change bumps `version`, so the newest copy is
 * the one with the highest version; an older message arriving late never wins.
 */
export interface Versioned {
  version: number;
}

export function newest<T extends Versioned>(...candidates: readonly (T | null | undefined)[]): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (!c) continue;
    if (best === null || c.version > best.version) best = c;
  }
  return best;
}
