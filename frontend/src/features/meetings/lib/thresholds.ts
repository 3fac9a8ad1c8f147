import type { MajorityRule } from '../../../gql/graphql';

/**
 * The two numbers the vote chart marks, until the API sends them: the ballots that make the
 * quorum and the ballots for the first option that adopt the proposal. They copy
 * backend/ecabinet/meetings/votes/tally.py (quorum: two thirds of the eligible voters; ABSOLUTE:
 * more than half of them; TWO_THIRDS: two thirds) and decide nothing: whether the quorum is
 * reached and the outcome always come from the server (VoteTally.quorumReached, outcome).
 * To go once VoteTally offers them (e.g. quorumNeeded, adoptionNeeded).
 */

/** Ballots needed for the quorum: at least two thirds of the eligible voters. */
export function quorumNeeded(eligible: number): number {
  return eligible <= 0 ? 0 : Math.ceil((2 * eligible) / 3);
}

/**
 * Ballots for the first option ("Tán thành") that adopt the proposal, as a share of the
 * eligible voters, for the majority line on the chart; null for SIMPLE (it compares the
 * ballots for and against, not a fixed share).
 */
export function majorityLine(majority: MajorityRule, eligible: number): number | null {
  if (eligible <= 0) return null;
  if (majority === 'ABSOLUTE') return Math.floor(eligible / 2) + 1;
  if (majority === 'TWO_THIRDS') return Math.ceil((2 * eligible) / 3);
  return null;
}
