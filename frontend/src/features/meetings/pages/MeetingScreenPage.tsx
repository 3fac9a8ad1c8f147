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
import { useMeetingLive } from '../hooks/useMeetingLive';
import { voteToShow } from '../lib/pickVote';
import { MeetingScreenQuery } from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/**
 * /meetings/:id/screen — the projector: the current (or last) vote in large, high-contrast
 * figures, live; between votes, the item under discussion.
 */
export function MeetingScreenPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetingScreenQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting ? t('meetings.screen.pageTitle', { title: meeting.title }) : t('meetings.screen.title'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  useMeetingLive(meeting?.id, refetch);

  const content = (() => {
    if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
    if (!meeting) return <NotFoundPage />;
    const shown = voteToShow(meeting.votes.map((v) => ({ ...getFragmentData(LiveVoteFragment, v), ref: v })));
    return (
      <div className="projector" data-testid="projector">
        <p className="projector__meeting">{meeting.title}</p>
        {shown ? (
          <LiveVoteResults key={shown.id} vote={shown.ref} variant="projector" />
        ) : (
          <div className="projector__idle">
            <p className="projector__label">{t('meetings.run.currentItem')}</p>
            <h1 className="projector__item">
              {meeting.currentAgendaItem
                ? `${String(meeting.currentAgendaItem.position)}. ${meeting.currentAgendaItem.title}`
                : t('meetings.screen.noVote')}
            </h1>
          </div>
        )}
      </div>
    );
  })();

  return (
    <LiveShell variant="projector" backTo={`/meetings/${id}`} title={meeting?.title}>
      {content}
    </LiveShell>
  );
}
