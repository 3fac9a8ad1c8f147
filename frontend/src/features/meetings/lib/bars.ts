/**
 * Vote figures for charts, as pure functions (unit-tested). The server decides the quorum and
 * the outcome (VoteTally.quorumReached, outcome); these only shape what it sent for display.
 */

export interface TallyOption {
  id: string;
  label: string;
}

export interface TallyResult {
  option: { id: string };
  count: number;
}

export interface BarDatum {
  optionId: string;
  label: string;
  count: number;
  /** Share of the ballots cast, 0…1 (0 when none was cast). */
  shareOfCast: number;
  /** Share of the scale (eligible voters, or the largest count if more), 0…1: the bar's length. */
  length: number;
  /** Whole percent of the ballots cast, for the label. */
  percent: number;
}

/**
 * One bar per option, in the vote's order, or null when the server hides the counts
 * (`tally.results` is null while an OPEN vote hides live results and for SECRET votes).
 * Bars are scaled to the eligible voters, so the majority line means the same on every vote.
 */
export function tallyBars(
  options: readonly TallyOption[],
  results: readonly TallyResult[] | null | undefined,
  eligible: number,
): BarDatum[] | null {
  if (!results) return null;
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.option.id, (counts.get(r.option.id) ?? 0) + Math.max(0, r.count));
  const cast = [...counts.values()].reduce((a, b) => a + b, 0);
  const scale = Math.max(eligible, ...counts.values(), 1);
  return options.map((o) => {
    const count = counts.get(o.id) ?? 0;
    const shareOfCast = cast > 0 ? count / cast : 0;
    return {
      optionId: o.id,
      label: o.label,
      count,
      shareOfCast,
      length: count / scale,
      percent: Math.round(shareOfCast * 100),
    };
  });
}

/** Ballots cast as a share of eligible voters, 0…1, for the progress meter. */
export function turnout(cast: number, eligible: number): number {
  if (eligible <= 0) return 0;
  return Math.min(1, Math.max(0, cast / eligible));
}

/**
 * A 0…1 length as one of 41 steps (0, 2.5 %, … 100 %), for a CSS class: the strict CSP
 * forbids style attributes, so HTML bars take a class per step (SVG bars use attributes).
 */
export function lengthStep(length: number): number {
  if (!Number.isFinite(length) || length <= 0) return 0;
  return Math.min(40, Math.max(1, Math.round(length * 40)));
}
