import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { ForbiddenMessage } from '../../../components/ForbiddenMessage';
import { Icon } from '../../../components/Icon';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { getFragmentData } from '../../../gql';
import type { MeetingStatus } from '../../../gql/graphql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import { AgendaItemCard } from '../components/AgendaItemCard';
import { AgendaStatusBadge } from '../components/Badges';
import { LiveVoteResults } from '../components/LiveVoteResults';
import { MeetingHeader } from '../components/MeetingHeader';
import type { VoteFormResult } from '../components/VoteForm';
import { VoteForm } from '../components/VoteForm';
import { useAction } from '../../../lib/useAction';
import type { LiveVoteRef } from '../hooks/useLiveVote';
import { LiveVoteFragment } from '../hooks/useLiveVote';
import { useMeetingLive } from '../hooks/useMeetingLive';
import {
  AdoptEnBlocMutation,
  CloseVoteMutation,
  CreateVoteMutation,
  FinishAgendaItemMutation,
  FinishSpeakerMutation,
  MeetingRunQuery,
  OpenVoteMutation,
  SetMeetingStatusMutation,
  StartAgendaItemMutation,
  StartSpeakerMutation,
} from '../operations';
import { QueryPending } from '../../../components/QueryPending';

/**
 * /meetings/:id/run — the secretariat (and the chair) run the session: status, the current
 * item, the speakers' list, positions and adoption en bloc, votes with live counts.
 */
export function MeetingRunPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetingRunQuery, variables: { id } });
  const meeting = data?.meeting;
  usePageTitle(meeting ? t('meetings.run.pageTitle', { title: meeting.title }) : t('meetings.run.title'));
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  useMeetingLive(meeting?.id, refetch);
  const action = useAction(refetch);
  const [enBloc, setEnBloc] = useState<ReadonlySet<string>>(new Set());
  const [voteCopies, setVoteCopies] = useState<Readonly<Record<string, LiveVoteRef>>>({});

  if (!data && (fetching || error)) return <QueryPending fetching={fetching} error={error} retry={refetch} />;
  if (!meeting) return <NotFoundPage />;
  if (!meeting.viewerCanManage) return <ForbiddenMessage />;
  // Not finished yet: the server offers a next status (Meeting.viewerNextStatuses).
  const changeable = meeting.viewerNextStatuses.length > 0;

  const busy = action.pending;
  const inProgress = meeting.status === 'IN_PROGRESS';
  const current = meeting.agenda.find((i) => i.status === 'CURRENT') ?? null;
  const present = meeting.participants.filter((p) => p.attendance === 'PRESENT').length;
  const voters = meeting.participants.filter((p) => p.role === 'CHAIR' || p.role === 'MEMBER');
  const votersPresent = voters.filter((p) => p.attendance === 'PRESENT').length;
  const unopposed = meeting.agenda.filter((i) => i.status === 'PENDING' && i.positionTally?.unopposed);
  const chosen = [...enBloc].filter((x) => unopposed.some((i) => i.id === x));

  const keepVote = (ref: LiveVoteRef | null | undefined) => {
    if (!ref) return;
    const v = getFragmentData(LiveVoteFragment, ref);
    setVoteCopies((all) => ({ ...all, [v.id]: ref }));
  };

  const setStatus = (status: MeetingStatus) => {
    if (status === 'CLOSED' && !window.confirm(t('meetings.run.confirmClose'))) return;
    if (status === 'CANCELLED' && !window.confirm(t('meetings.run.confirmCancel'))) return;
    void action.run(
      `status:${status}`,
      SetMeetingStatusMutation,
      { input: { id: meeting.id, status } },
      (d) => d.setMeetingStatus,
    );
  };

  const createVote = async (v: VoteFormResult) => {
    const d = await action.run(
      'createVote',
      CreateVoteMutation,
      {
        input: {
          meetingId: meeting.id,
          title: v.title,
          agendaItemId: v.agendaItemId,
          kind: v.kind,
          majority: v.majority,
          liveResults: v.liveResults,
          options: v.options,
        },
      },
      (r) => r.createVote,
    );
    keepVote(d?.createVote.vote);
    return !!d;
  };

  return (
    <div className="page run-page">
      <p className="m-eyebrow">
        <Link to={`/meetings/${meeting.id}`}>{t('meetings.backToMeeting')}</Link>
      </p>
      <MeetingHeader
        meeting={meeting}
        eyebrow={t('meetings.run.title')}
        actions={
          <>
            {meeting.viewerNextStatuses.map((s) => (
              <button
                key={s}
                type="button"
                className={
                  s === 'IN_PROGRESS' || s === 'SCHEDULED' ? 'button button--primary' : 'button button--secondary'
                }
                disabled={busy !== null}
                onClick={() => {
                  setStatus(s);
                }}
                data-testid={`set-status-${s}`}
              >
                {t(`meetings.statusAction.${s}`)}
              </button>
            ))}
            <Link className="button button--secondary" to={`/meetings/${meeting.id}/screen`} data-testid="screen-link">
              <Icon name="screen" />
              {t('meetings.screen.open')}
            </Link>
            <Link className="button button--secondary" to={`/meetings/${meeting.id}/conclusion`}>
              <Icon name="edit" />
              {t('meetings.conclusion.edit')}
            </Link>
          </>
        }
      />
      <FormProblem problem={action.problem} onDismiss={action.clear} />
      <p className="run-page__attendance" data-testid="run-attendance">
        {t('meetings.run.attendance', {
          present,
          total: meeting.participants.length,
          votersPresent,
          voters: voters.length,
        })}
      </p>

      <div className="run-page__grid">
        <div className="run-page__col">
          <section className="card" aria-labelledby="run-agenda-title">
            <h2 id="run-agenda-title" className="card__title">
              {t('meetings.agenda.title')}
            </h2>
            <ol className="run-agenda">
              {meeting.agenda.map((item) => (
                <li key={item.id} className={`run-item run-item--${item.status.toLowerCase()}`} data-testid="run-item">
                  <div className="run-item__main">
                    <span className="run-item__number">{item.position}</span>
                    <span className="run-item__title">{item.title}</span>
                    <AgendaStatusBadge status={item.status} adoptedEnBloc={item.adoptedEnBloc} />
                  </div>
                  {item.positionTally && item.status === 'PENDING' ? (
                    <p className="run-item__tally" data-testid="position-tally">
                      <span>{t('meetings.positions.tallyNoObjection', { n: item.positionTally.noObjection })}</span>
                      <span className={item.positionTally.wishToSpeak > 0 ? 'run-item__opposed' : undefined}>
                        {t('meetings.positions.tallyWishToSpeak', { n: item.positionTally.wishToSpeak })}
                      </span>
                      <span>{t('meetings.positions.tallyPending', { n: item.positionTally.pending })}</span>
                    </p>
                  ) : null}
                  <div className="run-item__actions">
                    {item.status === 'PENDING' && item.positionTally?.unopposed ? (
                      <label className="m-check">
                        <input
                          type="checkbox"
                          checked={enBloc.has(item.id)}
                          onChange={(e) => {
                            const next = new Set(enBloc);
                            if (e.target.checked) next.add(item.id);
                            else next.delete(item.id);
                            setEnBloc(next);
                          }}
                          data-testid="en-bloc-choose"
                        />
                        <span>{t('meetings.positions.chooseEnBloc')}</span>
                      </label>
                    ) : null}
                    {item.status === 'PENDING' && inProgress ? (
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={busy !== null}
                        onClick={() => {
                          void action.run(
                            `start:${item.id}`,
                            StartAgendaItemMutation,
                            { id: item.id },
                            (d) => d.startAgendaItem,
                          );
                        }}
                        data-testid="start-item"
                      >
                        <Icon name="play" />
                        {t('meetings.run.startItem')}
                      </button>
                    ) : null}
                    {item.status === 'CURRENT' ? (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy !== null}
                        onClick={() => {
                          void action.run(
                            `finish:${item.id}`,
                            FinishAgendaItemMutation,
                            { id: item.id },
                            (d) => d.finishAgendaItem,
                          );
                        }}
                        data-testid="finish-item"
                      >
                        <Icon name="stop" />
                        {t('meetings.run.finishItem')}
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
            {meeting.agenda.length === 0 ? <p className="muted">{t('meetings.agenda.none')}</p> : null}
            {unopposed.length > 0 && changeable ? (
              <div className="en-bloc">
                <p>{t('meetings.positions.enBlocHint', { n: unopposed.length })}</p>
                <div className="m-button-row">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setEnBloc(new Set(unopposed.map((i) => i.id)));
                    }}
                  >
                    {t('meetings.positions.chooseAll')}
                  </button>
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={chosen.length === 0 || busy !== null}
                    onClick={() => {
                      void action
                        .run(
                          'enBloc',
                          AdoptEnBlocMutation,
                          { input: { meetingId: meeting.id, agendaItemIds: chosen } },
                          (d) => d.adoptEnBloc,
                        )
                        .then((d) => {
                          if (d) setEnBloc(new Set());
                        });
                    }}
                    data-testid="adopt-en-bloc"
                  >
                    {t('meetings.positions.adoptEnBloc', { n: chosen.length })}
                  </button>
                </div>
              </div>
            ) : null}
          </section>

          <section className="card" aria-labelledby="current-item-title">
            <h2 id="current-item-title" className="card__title">
              {t('meetings.run.currentItem')}
            </h2>
            {current ? (
              <AgendaItemCard
                item={current}
                speakers={{
                  onStart: (rid) => {
                    void action.run(`start:${rid}`, StartSpeakerMutation, { id: rid }, (d) => d.startSpeaker);
                  },
                  onFinish: (rid) => {
                    void action.run(`finish:${rid}`, FinishSpeakerMutation, { id: rid }, (d) => d.finishSpeaker);
                  },
                  busy,
                  showDone: true,
                }}
              />
            ) : (
              <p className="muted">{inProgress ? t('meetings.run.noCurrentItem') : t('meetings.run.notStarted')}</p>
            )}
          </section>
        </div>

        <div className="run-page__col">
          <section className="card" aria-labelledby="run-votes-title">
            <h2 id="run-votes-title" className="card__title">
              {t('meetings.votes.title')}
            </h2>
            {meeting.votes.length === 0 ? <p className="muted">{t('meetings.votes.none')}</p> : null}
            <ul className="vote-list">
              {[...meeting.votes].reverse().map((vote) => (
                <li key={vote.id}>
                  <LiveVoteResults vote={vote} extra={[voteCopies[vote.id]]} headingLevel={3}>
                    {(latest) => {
                      const v = getFragmentData(LiveVoteFragment, latest);
                      return (
                        <div className="m-button-row">
                          {v.state === 'DRAFT' ? (
                            <button
                              type="button"
                              className="button button--primary"
                              disabled={busy !== null || !inProgress}
                              title={inProgress ? undefined : t('meetings.run.openNeedsProgress')}
                              onClick={() => {
                                void action
                                  .run(`open:${v.id}`, OpenVoteMutation, { id: v.id }, (d) => d.openVote)
                                  .then((d) => {
                                    keepVote(d?.openVote.vote);
                                  });
                              }}
                              data-testid="open-vote"
                            >
                              <Icon name="play" />
                              {t('meetings.vote.open')}
                            </button>
                          ) : null}
                          {v.state === 'OPEN' ? (
                            <button
                              type="button"
                              className="button button--primary"
                              disabled={busy !== null}
                              onClick={() => {
                                if (!window.confirm(t('meetings.vote.confirmClose', { title: v.title }))) return;
                                void action
                                  .run(`close:${v.id}`, CloseVoteMutation, { id: v.id }, (d) => d.closeVote)
                                  .then((d) => {
                                    keepVote(d?.closeVote.vote);
                                  });
                              }}
                              data-testid="close-vote"
                            >
                              <Icon name="stop" />
                              {t('meetings.vote.close')}
                            </button>
                          ) : null}
                          {v.state !== 'DRAFT' ? (
                            <Link className="button button--secondary" to={`/votes/${v.id}/screen`}>
                              <Icon name="screen" />
                              {t('meetings.screen.openVote')}
                            </Link>
                          ) : null}
                        </div>
                      );
                    }}
                  </LiveVoteResults>
                </li>
              ))}
            </ul>
            {changeable ? (
              <details className="m-disclosure" open={meeting.votes.every((v) => v.state === 'CLOSED')}>
                <summary className="m-disclosure__summary">{t('meetings.vote.new')}</summary>
                <VoteForm
                  key={current?.id ?? 'none'}
                  items={meeting.agenda.map((i) => ({ id: i.id, label: `${String(i.position)}. ${i.title}` }))}
                  defaultItemId={current?.id ?? null}
                  submitting={busy === 'createVote'}
                  onSubmit={createVote}
                />
              </details>
            ) : null}
          </section>
        </div>
      </div>
    </div>
  );
}
