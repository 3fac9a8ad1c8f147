import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphqlWsClient } from '../../../app/services';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { getFragmentData } from '../../../gql';
import { usePageTitle } from '../../../lib/usePageTitle';
import { FormProblem } from '../../../components/form/FormProblem';
import { LiveBallot } from '../components/LiveBallot';
import type { VoteFormResult } from '../components/VoteForm';
import { VoteForm } from '../components/VoteForm';
import { useAction } from '../../../lib/useAction';
import type { LiveVoteRef } from '../hooks/useLiveVote';
import { LiveVoteFragment } from '../hooks/useLiveVote';
import { useUserSearch } from '../hooks/useUserSearch';
import { inputToIso } from '../lib/datetime';
import {
  CastBallotMutation,
  CloseVoteMutation,
  CreateVoteMutation,
  OpenVoteMutation,
  WrittenBallotsQuery,
} from '../operations';
import { PageHeader } from '../../../components/PageHeader';

/**
 * /meetings/ballots — written opinion ballots (phiếu lấy ý kiến) without a meeting: members
 * vote with one tap (and a confirmation) before the deadline; the secretariat creates,
 * opens and closes them. Open ballots are live.
 */
export function BallotsPage() {
  const { t } = useI18n();
  usePageTitle(t('meetings.ballots.title'));
  const [{ data, fetching, error }, reexecute] = useQuery({ query: WrittenBallotsQuery, variables: { first: 50 } });
  const refetch = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);
  // No event stream lists new ballots: look again whenever the socket (re)connects.
  useEffect(() => graphqlWsClient.on('connected', refetch), [refetch]);
  // The secretariat creates and runs written ballots (Query.viewerCan.createWrittenBallot).
  const admin = data?.viewerCan.createWrittenBallot ?? false;
  const users = useUserSearch(admin);
  const action = useAction(refetch);
  const [copies, setCopies] = useState<Readonly<Record<string, LiveVoteRef>>>({});
  const keep = (ref: LiveVoteRef | null | undefined) => {
    if (ref) setCopies((all) => ({ ...all, [getFragmentData(LiveVoteFragment, ref).id]: ref }));
  };

  const create = async (v: VoteFormResult) => {
    const d = await action.run(
      'create',
      CreateVoteMutation,
      {
        input: {
          title: v.title,
          kind: v.kind,
          majority: v.majority,
          liveResults: v.liveResults,
          options: v.options,
          deadline: inputToIso(v.deadline),
          voterIds: v.voterIds,
        },
      },
      (r) => r.createVote,
    );
    keep(d?.createVote.vote);
    return !!d;
  };
  const cast = async (voteId: string, optionId: string) => {
    const d = await action.run(
      `cast:${voteId}`,
      CastBallotMutation,
      { input: { voteId, optionId } },
      (r) => r.castBallot,
    );
    keep(d?.castBallot.vote);
    return !!d;
  };

  const votes = data?.votes?.nodes ?? [];
  const open = votes.filter((v) => v.state === 'OPEN');
  const others = votes.filter((v) => v.state !== 'OPEN');

  return (
    <div className="page ballots-page">
      <PageHeader
        icon="vote"
        headingClassName="m-page-heading"
        eyebrow={
          <p className="m-eyebrow">
            <Link to="/meetings">{t('nav.meetings')}</Link>
          </p>
        }
        title={t('meetings.ballots.title')}
        subtitle={t('meetings.ballots.subtitle')}
      />
      <FormProblem problem={action.problem} onDismiss={action.clear} />
      {!data && fetching ? <Spinner label={t('common.loading')} /> : null}
      {!data && error ? <QueryError error={error} headingLevel={2} onRetry={refetch} /> : null}
      {data ? (
        <>
          <section className="card" aria-labelledby="ballots-open-title">
            <h2 id="ballots-open-title" className="card__title">
              {t('meetings.ballots.open')}
            </h2>
            {open.length === 0 ? <p className="muted">{t('meetings.ballots.noneOpen')}</p> : null}
            <ul className="vote-list">
              {open.map((v) => (
                <li key={v.id}>
                  <LiveBallot
                    vote={v}
                    extra={[copies[v.id]]}
                    onCast={cast}
                    busy={action.pending === `cast:${v.id}`}
                    variant="card"
                    headingLevel={3}
                  >
                    {(latest) => {
                      const cur = getFragmentData(LiveVoteFragment, latest);
                      return admin && cur.state === 'OPEN' ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={action.pending !== null}
                          onClick={() => {
                            if (!window.confirm(t('meetings.vote.confirmClose', { title: cur.title }))) return;
                            void action
                              .run(`close:${cur.id}`, CloseVoteMutation, { id: cur.id }, (r) => r.closeVote)
                              .then((d) => {
                                keep(d?.closeVote.vote);
                              });
                          }}
                        >
                          <Icon name="stop" />
                          {t('meetings.vote.close')}
                        </button>
                      ) : null;
                    }}
                  </LiveBallot>
                </li>
              ))}
            </ul>
          </section>
          {others.length > 0 ? (
            <section className="card" aria-labelledby="ballots-other-title">
              <h2 id="ballots-other-title" className="card__title">
                {t('meetings.ballots.others')}
              </h2>
              <ul className="vote-list">
                {others.map((v) => (
                  <li key={v.id}>
                    <LiveBallot
                      vote={v}
                      extra={[copies[v.id]]}
                      onCast={cast}
                      variant="card"
                      headingLevel={3}
                      live={v.state === 'DRAFT'}
                    >
                      {(latest) => {
                        const cur = getFragmentData(LiveVoteFragment, latest);
                        return admin && cur.state === 'DRAFT' ? (
                          <button
                            type="button"
                            className="button button--primary"
                            disabled={action.pending !== null}
                            onClick={() => {
                              void action
                                .run(`open:${cur.id}`, OpenVoteMutation, { id: cur.id }, (r) => r.openVote)
                                .then((d) => {
                                  keep(d?.openVote.vote);
                                });
                            }}
                          >
                            <Icon name="play" />
                            {t('meetings.vote.open')}
                          </button>
                        ) : null;
                      }}
                    </LiveBallot>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {admin ? (
            <section className="card" aria-labelledby="ballots-new-title">
              <h2 id="ballots-new-title" className="card__title">
                {t('meetings.ballots.new')}
              </h2>
              <VoteForm
                written={{ userSearch: users.search, onUserSearch: users.setSearch, userResults: users.results }}
                submitting={action.pending === 'create'}
                onSubmit={create}
              />
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
