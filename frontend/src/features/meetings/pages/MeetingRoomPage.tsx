import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { getFragmentData } from '../../../gql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import { AgendaItemCard } from '../components/AgendaItemCard';
import { MeetingStatusBadge } from '../components/Badges';
import { LiveBallot } from '../components/LiveBallot';
import { LiveShell } from '../components/LiveShell';
import { LiveVoteResults } from '../components/LiveVoteResults';
import { useAction } from '../../../lib/useAction';
import type { LiveVoteRef } from '../hooks/useLiveVote';
import { LiveVoteFragment } from '../hooks/useLiveVote';
import { useMeetingLive } from '../hooks/useMeetingLive';
import {
  CastBallotMutation,
  CheckInMutation,
  MeetingRoomQuery,
  RequestToSpeakMutation,
  WithdrawSpeakerRequestMutation,
} from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/**
 * /meetings/:id/room — meeting-room mode for tablets: the item under discussion with its
 * documents, "Xin phát biểu", and the open vote (one tap, confirm) with live counts. Live
 * through `meetingEvents` (a new vote shows by itself) and `voteUpdated`.
 */
export function MeetingRoomPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetingRoomQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting ? t('meetings.room.pageTitle', { title: meeting.title }) : t('meetings.room.title'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  const lastEvent = useMeetingLive(meeting?.id, refetch);
  const action = useAction(refetch);
  const [copies, setCopies] = useState<Readonly<Record<string, LiveVoteRef>>>({});

  const content = (() => {
    if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
    if (!meeting) return <NotFoundPage />;
    const viewerId = data.viewer?.id ?? null;
    const me = meeting.viewerParticipant;
    const item = meeting.currentAgendaItem;
    const mine = item?.speakers.find(
      (s) => s.user?.id === viewerId && (s.status === 'WAITING' || s.status === 'SPEAKING'),
    );
    const open = meeting.votes.filter((v) => v.state === 'OPEN');
    const closed = meeting.votes.filter((v) => v.state === 'CLOSED');
    const lastClosed = closed.length > 0 ? closed[closed.length - 1] : undefined;
    const busy = action.pending;

    const cast = async (voteId: string, optionId: string) => {
      const d = await action.run(
        `cast:${voteId}`,
        CastBallotMutation,
        { input: { voteId, optionId } },
        (r) => r.castBallot,
      );
      const ref = d?.castBallot.vote;
      if (ref) setCopies((all) => ({ ...all, [getFragmentData(LiveVoteFragment, ref).id]: ref }));
      return !!d;
    };

    return (
      <div className="room">
        <div className="room__status">
          <MeetingStatusBadge status={meeting.status} />
          {me ? (
            <span className="room__me" data-testid="room-attendance">
              {t(`meetings.role.${me.role}`)} · {t(`meetings.attendance.${me.attendance}`)}
            </span>
          ) : (
            <span className="room__me">{t('meetings.room.observer')}</span>
          )}
          {me && me.attendance !== 'PRESENT' && (meeting.status === 'SCHEDULED' || meeting.status === 'IN_PROGRESS') ? (
            <button
              type="button"
              className="button button--primary room__button"
              disabled={busy === 'checkin'}
              onClick={() => {
                void action.run('checkin', CheckInMutation, { meetingId: meeting.id }, (d) => d.checkIn);
              }}
              data-testid="room-check-in"
            >
              <Icon name="check" />
              {t('meetings.myPart.checkIn')}
            </button>
          ) : null}
        </div>
        <FormProblem problem={action.problem} onDismiss={action.clear} />
        <p className="visually-hidden" aria-live="assertive">
          {lastEvent?.type === 'VOTE_OPENED' ? t('meetings.room.newVote') : ''}
        </p>
        <div className="room__grid">
          <section className="room__panel room__vote" aria-labelledby="room-vote-title">
            <h2 id="room-vote-title" className="room__panel-title">
              {t('meetings.room.vote')}
            </h2>
            {open.length > 0 ? (
              open.map((v) => (
                <LiveBallot
                  key={v.id}
                  vote={v}
                  extra={[copies[v.id]]}
                  onCast={cast}
                  busy={busy === `cast:${v.id}`}
                  variant="room"
                  headingLevel={3}
                />
              ))
            ) : (
              <>
                <p className="room__waiting" data-testid="room-no-vote">
                  {t('meetings.room.noOpenVote')}
                </p>
                {lastClosed ? (
                  <div className="room__last">
                    <p className="room__last-label">{t('meetings.room.lastVote')}</p>
                    <LiveVoteResults
                      vote={lastClosed}
                      extra={[copies[lastClosed.id]]}
                      variant="room"
                      headingLevel={3}
                    />
                  </div>
                ) : null}
              </>
            )}
          </section>
          <section className="room__panel room__item" aria-labelledby="room-item-title">
            <h2 id="room-item-title" className="room__panel-title">
              {t('meetings.run.currentItem')}
            </h2>
            {item ? (
              <>
                <AgendaItemCard
                  item={item}
                  large
                  headingLevel={3}
                  speakers={{
                    viewerId,
                    busy,
                    onWithdraw: (rid) => {
                      void action.run(
                        `withdraw:${rid}`,
                        WithdrawSpeakerRequestMutation,
                        { id: rid },
                        (d) => d.withdrawSpeakerRequest,
                      );
                    },
                  }}
                />
                {me && !mine ? (
                  <button
                    type="button"
                    className="button button--primary room__button room__speak"
                    disabled={busy === `speak:${item.id}`}
                    onClick={() => {
                      void action.run(
                        `speak:${item.id}`,
                        RequestToSpeakMutation,
                        { agendaItemId: item.id },
                        (d) => d.requestToSpeak,
                      );
                    }}
                    data-testid="request-to-speak"
                  >
                    <Icon name="mic" />
                    {t('meetings.room.requestToSpeak')}
                  </button>
                ) : null}
                {mine ? (
                  <p className="room__speaking" role="status" data-testid="my-speaker-status">
                    {mine.status === 'SPEAKING' ? t('meetings.room.youSpeak') : t('meetings.room.youWait')}
                  </p>
                ) : null}
              </>
            ) : (
              <p className="room__waiting">
                {meeting.status === 'IN_PROGRESS' ? t('meetings.run.noCurrentItem') : t('meetings.run.notStarted')}
              </p>
            )}
            <Link className="button button--secondary room__button" to={`/meetings/${meeting.id}`}>
              {t('meetings.room.fullAgenda')}
            </Link>
          </section>
        </div>
      </div>
    );
  })();

  return (
    <LiveShell variant="room" backTo={`/meetings/${id}`} title={meeting?.title}>
      {content}
    </LiveShell>
  );
}
