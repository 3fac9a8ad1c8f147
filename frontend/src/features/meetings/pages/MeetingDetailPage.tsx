import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { getFragmentData } from '../../../gql';
import type { Attendance, Clearance, ItemPositionKind } from '../../../gql/graphql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import { AddAgendaItemForm, AgendaItemTools } from '../components/AgendaEditor';
import { AgendaItemCard } from '../components/AgendaItemCard';
import { ConclusionView } from '../components/ConclusionView';
import { LiveVoteResults } from '../components/LiveVoteResults';
import { MeetingHeader } from '../components/MeetingHeader';
import { ParticipantList } from '../components/ParticipantList';
import { useAction } from '../../../lib/useAction';
import { LiveVoteFragment } from '../hooks/useLiveVote';
import { useMeetingLive } from '../hooks/useMeetingLive';
import { isVotingRole } from '../lib/status';
import {
  AddAgendaItemMutation,
  AttachDocumentMutation,
  CheckInMutation,
  MeetingDetailQuery,
  MoveAgendaItemMutation,
  OrgUnitsQuery,
  RemoveAgendaItemMutation,
  RequestToSpeakMutation,
  RespondToInvitationMutation,
  SetAttendanceMutation,
  SetItemPositionMutation,
  WithdrawSpeakerRequestMutation,
} from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/**
 * /meetings/:id — the meeting for everyone who may see it: agenda, documents, speakers,
 * participants, votes and conclusion; members respond, check in and give their positions;
 * the secretariat edits the agenda and records attendance. Live through `meetingEvents`.
 */
export function MeetingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetingDetailQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting?.title ?? t('nav.meetings'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  useMeetingLive(meeting?.id, refetch);
  // Runs it and it is not finished: the server offers a next status (Meeting.viewerNextStatuses).
  const admin = !!meeting && meeting.viewerNextStatuses.length > 0;
  const [units] = useQuery({ query: OrgUnitsQuery, pause: !admin });
  const action = useAction(refetch);

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
  if (!meeting) return <NotFoundPage />;

  const viewerId = data.viewer?.id ?? null;
  const me = meeting.viewerParticipant;
  const voting = isVotingRole(me?.role);
  const canRespond = !!me && (meeting.status === 'DRAFT' || meeting.status === 'SCHEDULED');
  const canCheckIn =
    !!me && (meeting.status === 'SCHEDULED' || meeting.status === 'IN_PROGRESS') && me.attendance !== 'PRESENT';
  const busy = action.pending;

  const respond = (attendance: Attendance) => {
    void action.run(
      `respond:${attendance}`,
      RespondToInvitationMutation,
      { input: { meetingId: meeting.id, attendance } },
      (d) => d.respondToInvitation,
    );
  };
  const checkIn = () => {
    void action.run('checkin', CheckInMutation, { meetingId: meeting.id }, (d) => d.checkIn);
  };
  const setPosition = (agendaItemId: string, position: ItemPositionKind) => {
    void action.run(
      `position:${agendaItemId}`,
      SetItemPositionMutation,
      { input: { agendaItemId, position } },
      (d) => d.setItemPosition,
    );
  };
  const requestToSpeak = (agendaItemId: string) => {
    void action.run(`speak:${agendaItemId}`, RequestToSpeakMutation, { agendaItemId }, (d) => d.requestToSpeak);
  };
  const withdraw = (requestId: string) => {
    void action.run(
      `withdraw:${requestId}`,
      WithdrawSpeakerRequestMutation,
      { id: requestId },
      (d) => d.withdrawSpeakerRequest,
    );
  };
  const setAttendance = (userId: string, attendance: Attendance) => {
    void action.run(
      `attendance:${userId}`,
      SetAttendanceMutation,
      { input: { meetingId: meeting.id, userId, attendance } },
      (d) => d.setAttendance,
    );
  };
  // The file goes in the variables: urql sends a GraphQL multipart request (lib/mutations.ts).
  const attach = async (agendaItemId: string, file: File, confidentiality: Clearance) =>
    (await action.run(
      `attach:${agendaItemId}`,
      AttachDocumentMutation,
      { input: { agendaItemId, confidentiality, file } },
      (d) => d.attachDocument,
    )) !== null;

  return (
    <div className="page meeting-page">
      <p className="m-eyebrow">
        <Link to="/meetings">{t('nav.meetings')}</Link>
      </p>
      <MeetingHeader
        meeting={meeting}
        actions={
          <>
            {me ? (
              <Link className="button button--primary" to={`/meetings/${meeting.id}/room`} data-testid="room-link">
                <Icon name="tablet" />
                {t('meetings.room.enter')}
              </Link>
            ) : null}
            {meeting.viewerCanManage ? (
              <Link className="button button--primary" to={`/meetings/${meeting.id}/run`} data-testid="run-link">
                <Icon name="play" />
                {t('meetings.run.title')}
              </Link>
            ) : null}
            <Link className="button button--secondary" to={`/meetings/${meeting.id}/screen`} data-testid="screen-link">
              <Icon name="screen" />
              {t('meetings.screen.open')}
            </Link>
            {admin ? (
              <Link className="button button--secondary" to={`/meetings/${meeting.id}/edit`} data-testid="edit-link">
                <Icon name="edit" />
                {t('meetings.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      <FormProblem problem={action.problem} onDismiss={action.clear} />
      {me ? (
        <section className="card my-part" aria-labelledby="my-part-title">
          <h2 id="my-part-title" className="card__title">
            {t('meetings.myPart.title')}
          </h2>
          <p data-testid="my-attendance">
            {t('meetings.myPart.summary', {
              role: t(`meetings.role.${me.role}`),
              attendance: t(`meetings.attendance.${me.attendance}`),
            })}
          </p>
          <div className="m-button-row">
            {canCheckIn ? (
              <button
                type="button"
                className="button button--primary"
                onClick={checkIn}
                disabled={busy === 'checkin'}
                data-testid="check-in"
              >
                <Icon name="check" />
                {t('meetings.myPart.checkIn')}
              </button>
            ) : null}
            {canRespond && me.attendance !== 'CONFIRMED' && me.attendance !== 'PRESENT' ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  respond('CONFIRMED');
                }}
                disabled={busy !== null}
                data-testid="respond-confirm"
              >
                {t('meetings.myPart.confirm')}
              </button>
            ) : null}
            {canRespond && me.attendance !== 'DECLINED' && me.attendance !== 'PRESENT' ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  respond('DECLINED');
                }}
                disabled={busy !== null}
                data-testid="respond-decline"
              >
                {t('meetings.myPart.decline')}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="agenda-title">
        <h2 id="agenda-title" className="card__title">
          {t('meetings.agenda.title')}
        </h2>
        {meeting.agenda.length === 0 ? <p className="muted">{t('meetings.agenda.none')}</p> : null}
        <ol className="agenda">
          {meeting.agenda.map((item) => {
            const myRequest = item.speakers.find((s) => s.user?.id === viewerId && s.status === 'WAITING');
            return (
              <li key={item.id}>
                <AgendaItemCard
                  item={item}
                  speakers={{
                    viewerId,
                    onWithdraw: withdraw,
                    busy,
                  }}
                >
                  {voting &&
                  item.status === 'PENDING' &&
                  meeting.status !== 'CLOSED' &&
                  meeting.status !== 'CANCELLED' ? (
                    <div
                      className="m-positions"
                      role="group"
                      aria-label={t('meetings.positions.label', { title: item.title })}
                    >
                      <span className="m-positions__label">{t('meetings.positions.before')}</span>
                      <button
                        type="button"
                        className="button button--secondary m-toggle"
                        aria-pressed={item.viewerPosition === 'NO_OBJECTION'}
                        disabled={busy === `position:${item.id}`}
                        onClick={() => {
                          setPosition(item.id, 'NO_OBJECTION');
                        }}
                        data-testid="position-no-objection"
                      >
                        {t('meetings.positions.NO_OBJECTION')}
                      </button>
                      <button
                        type="button"
                        className="button button--secondary m-toggle"
                        aria-pressed={item.viewerPosition === 'WISH_TO_SPEAK'}
                        disabled={busy === `position:${item.id}`}
                        onClick={() => {
                          setPosition(item.id, 'WISH_TO_SPEAK');
                        }}
                        data-testid="position-wish-to-speak"
                      >
                        {t('meetings.positions.WISH_TO_SPEAK')}
                      </button>
                    </div>
                  ) : null}
                  {me && item.status === 'CURRENT' && !myRequest ? (
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={busy === `speak:${item.id}`}
                      onClick={() => {
                        requestToSpeak(item.id);
                      }}
                    >
                      <Icon name="mic" />
                      {t('meetings.speakers.request')}
                    </button>
                  ) : null}
                  {admin ? (
                    <AgendaItemTools
                      itemId={item.id}
                      title={item.title}
                      position={item.position}
                      count={meeting.agenda.length}
                      status={item.status}
                      busy={busy}
                      onMove={(position) => {
                        void action.run(
                          `move:${item.id}`,
                          MoveAgendaItemMutation,
                          { input: { id: item.id, position } },
                          (d) => d.moveAgendaItem,
                        );
                      }}
                      onRemove={() => {
                        void action.run(
                          `remove:${item.id}`,
                          RemoveAgendaItemMutation,
                          { id: item.id },
                          (d) => d.removeAgendaItem,
                        );
                      }}
                      onAttach={(file, level) => attach(item.id, file, level)}
                    />
                  ) : null}
                </AgendaItemCard>
              </li>
            );
          })}
        </ol>
        {admin ? (
          <AddAgendaItemForm
            units={units.data?.orgUnits ?? []}
            people={meeting.participants.flatMap((p) => (p.user ? [{ id: p.user.id, name: p.user.fullName }] : []))}
            submitting={busy === 'addItem'}
            onSubmit={(item) =>
              action
                .run(
                  'addItem',
                  AddAgendaItemMutation,
                  { input: { meetingId: meeting.id, ...item } },
                  (d) => d.addAgendaItem,
                )
                .then((d) => !!d)
            }
          />
        ) : null}
      </section>

      <div className="meeting-page__columns">
        <section className="card" aria-labelledby="participants-title">
          <div className="m-card-head">
            <h2 id="participants-title" className="card__title">
              {t('meetings.participants.title')}
            </h2>
            {admin ? (
              <Link className="button button--secondary" to={`/meetings/${meeting.id}/edit`}>
                <Icon name="users" />
                {t('meetings.participants.invite')}
              </Link>
            ) : null}
          </div>
          <ParticipantList
            participants={meeting.participants}
            onSetAttendance={admin ? setAttendance : undefined}
            busy={busy}
          />
        </section>

        <section className="card" aria-labelledby="votes-title">
          <h2 id="votes-title" className="card__title">
            {t('meetings.votes.title')}
          </h2>
          {meeting.votes.length === 0 ? <p className="muted">{t('meetings.votes.none')}</p> : null}
          <ul className="vote-list">
            {meeting.votes.map((vote) => (
              <li key={vote.id}>
                <LiveVoteResults vote={vote} headingLevel={3}>
                  {(latest) => {
                    const v = getFragmentData(LiveVoteFragment, latest);
                    return v.state !== 'DRAFT' ? (
                      <Link className="button button--secondary" to={`/votes/${v.id}/screen`}>
                        <Icon name="screen" />
                        {t('meetings.screen.openVote')}
                      </Link>
                    ) : null;
                  }}
                </LiveVoteResults>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card" aria-labelledby="conclusion-title">
        <div className="m-card-head">
          <h2 id="conclusion-title" className="card__title">
            {t('meetings.conclusion.title')}
          </h2>
          {meeting.viewerCanManage ? (
            <Link
              className="button button--secondary"
              to={`/meetings/${meeting.id}/conclusion`}
              data-testid="conclusion-link"
            >
              <Icon name="edit" />
              {meeting.conclusion?.issued ? t('meetings.conclusion.view') : t('meetings.conclusion.edit')}
            </Link>
          ) : null}
        </div>
        {meeting.conclusion ? (
          <ConclusionView conclusion={meeting.conclusion} />
        ) : (
          <p className="muted">{t('meetings.conclusion.none')}</p>
        )}
      </section>
    </div>
  );
}
