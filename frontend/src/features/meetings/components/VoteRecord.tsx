import { useEffect } from 'react';
import { useQuery } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { Spinner } from '../../../components/Spinner';
import { VoteRecordQuery } from '../operations';

/** Signed links live five minutes: fetch fresh ones before they expire. */
const REFRESH_MS = 4 * 60 * 1000;

/**
 * The record of a closed vote: its results as CSV and as a printable sheet, and for an OPEN
 * (named) vote the list of who chose what. Loaded when shown (the links are signed for the
 * viewer and expire), refreshed while it stays on screen.
 */
export function VoteRecord(props: { voteId: string }) {
  const { t, formatDateTime } = useI18n();
  const [{ data, fetching }, reexecute] = useQuery({
    query: VoteRecordQuery,
    variables: { id: props.voteId },
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    const timer = setInterval(() => {
      reexecute({ requestPolicy: 'network-only' });
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [reexecute]);
  const vote = data?.vote;
  if (!vote) return fetching ? <Spinner label={t('common.loading')} /> : null;
  return (
    <div className="vote-record" data-testid="vote-record">
      <p className="vote-record__links">
        {vote.csv ? (
          <a className="button button--secondary" href={vote.csv} download data-testid="vote-export-csv">
            <Icon name="file" />
            {t('meetings.vote.record.exportCsv')}
          </a>
        ) : null}
        {vote.sheet ? (
          <a
            className="button button--secondary"
            href={vote.sheet}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="vote-export-sheet"
          >
            <Icon name="screen" />
            {t('meetings.vote.record.printSheet')}
          </a>
        ) : null}
      </p>
      {vote.ballots ? (
        <details className="vote-record__ballots" data-testid="named-ballots">
          <summary>{t('meetings.vote.record.namedBallots')}</summary>
          {vote.ballots.length === 0 ? (
            <p className="muted">{t('meetings.vote.record.noBallots')}</p>
          ) : (
            <table className="vote-record__table">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.vote.record.voter')}</th>
                  <th scope="col">{t('meetings.vote.record.choice')}</th>
                  <th scope="col">{t('meetings.vote.record.castAt')}</th>
                </tr>
              </thead>
              <tbody>
                {vote.ballots.map((b, i) => (
                  <tr key={b.voter?.id ?? i} data-testid="named-ballot">
                    <td>{b.voter?.fullName ?? '—'}</td>
                    <td>{b.option.label}</td>
                    <td>{formatDateTime(b.castAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      ) : null}
    </div>
  );
}
