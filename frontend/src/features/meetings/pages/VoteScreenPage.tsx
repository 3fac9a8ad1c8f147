import { useCallback } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { getFragmentData } from '../../../gql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { LiveShell } from '../components/LiveShell';
import { LiveVoteResults } from '../components/LiveVoteResults';
import { LiveVoteFragment } from '../hooks/useLiveVote';
import { VoteScreenQuery } from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/** /votes/:id/screen — one vote on the projector, live. */
export function VoteScreenPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: VoteScreenQuery, variables: { id } });
  const vote = data?.vote;
  usePageTitle(t('meetings.screen.title'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);

  const content = (() => {
    if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
    if (!vote) return <NotFoundPage />;
    return (
      <div className="projector" data-testid="projector">
        {vote.meeting ? <p className="projector__meeting">{vote.meeting.title}</p> : null}
        {/* Subscribed while not closed: a draft shows itself opening, then the ballots. */}
        <LiveVoteResults
          vote={vote}
          variant="projector"
          live={getFragmentData(LiveVoteFragment, vote).state !== 'CLOSED'}
        />
      </div>
    );
  })();

  return (
    <LiveShell
      variant="projector"
      backTo={vote?.meeting ? `/meetings/${vote.meeting.id}` : '/meetings/ballots'}
      title={vote?.meeting?.title}
    >
      {content}
    </LiveShell>
  );
}
