import type { ReactNode } from 'react';
import { getFragmentData } from '../../../gql';
import type { LiveVoteRef } from '../hooks/useLiveVote';
import { LiveVoteFragment, useLiveVote } from '../hooks/useLiveVote';
import type { VoteResultsVariant } from './VoteResults';
import { VoteRecord } from './VoteRecord';
import { VoteResults } from './VoteResults';

/**
 * A vote's results kept live: subscribed while the page's copy says it is open, newest copy
 * shown; once closed (on cards) its exports and named ballots. `children` renders extra
 * controls from the newest copy (open/close, ballot).
 */
export function LiveVoteResults(props: {
  vote: LiveVoteRef;
  variant?: VoteResultsVariant;
  extra?: readonly (LiveVoteRef | null | undefined)[];
  headingLevel?: 2 | 3;
  /** Subscribe (default: while the page's copy says OPEN). */
  live?: boolean;
  children?: (latest: LiveVoteRef) => ReactNode;
}) {
  const base = getFragmentData(LiveVoteFragment, props.vote);
  const latest =
    useLiveVote(props.vote, { live: props.live ?? base.state === 'OPEN', extra: props.extra }) ?? props.vote;
  const v = getFragmentData(LiveVoteFragment, latest);
  return (
    <div className="live-vote" data-testid="live-vote" data-vote-id={v.id} data-state={v.state}>
      <VoteResults vote={v} variant={props.variant} headingLevel={props.headingLevel} />
      {v.state === 'CLOSED' && (props.variant ?? 'card') === 'card' ? <VoteRecord voteId={v.id} /> : null}
      {props.children?.(latest)}
    </div>
  );
}
