/**
 * Which vote the projector shows: the open one opened last; when none is open, the one
 * closed last; null when no vote was opened yet.
 */
export interface PickableVote {
  id: string;
  state: string;
  openedAt?: string | null;
  closedAt?: string | null;
}

function time(value: string | null | undefined): number {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

export function voteToShow<T extends PickableVote>(votes: readonly T[]): T | null {
  let best: T | null = null;
  for (const v of votes.filter((x) => x.state === 'OPEN'))
    if (!best || time(v.openedAt) >= time(best.openedAt)) best = v;
  if (best) return best;
  for (const v of votes.filter((x) => x.state === 'CLOSED'))
    if (!best || time(v.closedAt) >= time(best.closedAt)) best = v;
  return best;
}
