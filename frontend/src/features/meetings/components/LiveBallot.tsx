import type { ReactNode } from 'react';
import { getFragmentData } from '../../../gql';
import type { LiveVoteRef } from '../hooks/useLiveVote';
import { LiveVoteFragment, useLiveVote } from '../hooks/useLiveVote';
import { BallotPanel } from './BallotPanel';
import type { VoteResultsVariant } from './VoteResults';
import { VoteResults } from './VoteResults';

/**
 * An open vote to take part in: the ballot (one tap, then confirm) and the live figures —
 * ballots cast of eligible and, when the vote shows them, the results as bars.
 */
export function LiveBallot(props: {
  vote: LiveVoteRef;
  extra?: readonly (LiveVoteRef | null | undefined)[];
  onCast: (voteId: string, optionId: string) => Promise<boolean>;
  busy?: boolean;
  variant?: VoteResultsVariant;
  headingLevel?: 2 | 3;
  live?: boolean;
  children?: (latest: LiveVoteRef) => ReactNode;
}) {
  const base = getFragmentData(LiveVoteFragment, props.vote);
  const latest =
    useLiveVote(props.vote, { live: props.live ?? base.state === 'OPEN', extra: props.extra }) ?? props.vote;
  const v = getFragmentData(LiveVoteFragment, latest);
  return (
    <article className="live-ballot" data-testid="live-ballot" data-vote-id={v.id} data-state={v.state}>
      <VoteResults vote={v} variant={props.variant ?? 'room'} headingLevel={props.headingLevel} />
      <BallotPanel key={v.id} vote={v} onCast={props.onCast} busy={props.busy} large={props.variant === 'room'} />
      {props.children?.(latest)}
    </article>
  );
}
