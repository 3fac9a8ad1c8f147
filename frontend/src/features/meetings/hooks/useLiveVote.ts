import { useSubscription } from 'urql';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { newest } from '../lib/liveVote';
import { VoteUpdatedSubscription } from '../operations';

/** What every live view of a vote needs: its version (to order copies) and the children's fragments. */
export const LiveVoteFragment = graphql(`
  fragment LiveVote_vote on Vote {
    id
    version
    state
    title
    openedAt
    closedAt
    ...VoteResults_vote
    ...BallotPanel_vote
  }
`);

export type LiveVoteRef = FragmentType<typeof LiveVoteFragment>;

/**
 * The newest copy of a vote among the page's query, the `voteUpdated` subscription (while
 * `live`) and any mutation payloads passed in `extra`. The subscription's first message is
 * the current snapshot, so after a reconnect (graphql-ws subscribes again by itself) the
 * view is complete again at once; an older copy arriving late never replaces a newer one.
 */
export function useLiveVote(
  ref: LiveVoteRef | null | undefined,
  { live = true, extra = [] }: { live?: boolean; extra?: readonly (LiveVoteRef | null | undefined)[] } = {},
): LiveVoteRef | null {
  const id = ref ? getFragmentData(LiveVoteFragment, ref).id : null;
  const [{ data }] = useSubscription({
    query: VoteUpdatedSubscription,
    variables: { voteId: id ?? '' },
    pause: !id || !live,
  });
  const fromSubscription = data?.voteUpdated ?? null;
  // Cheap: a handful of candidates. The result is one of them, so it stays the same object
  // until a newer copy arrives.
  const candidates = [ref, fromSubscription, ...extra]
    .filter((r): r is LiveVoteRef => !!r)
    .map((r) => ({ ref: r, ...getFragmentData(LiveVoteFragment, r) }))
    .filter((c) => c.id === id);
  return newest(...candidates)?.ref ?? null;
}
