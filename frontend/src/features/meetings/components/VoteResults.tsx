import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { lengthStep, tallyBars, turnout } from '../lib/bars';
import { OutcomeBadge, VoteStateBadge } from './Badges';

export const VoteResultsFragment = graphql(`
  fragment VoteResults_vote on Vote {
    id
    title
    kind
    state
    majority
    liveResults
    version
    deadline
    options {
      id
      label
    }
    tally {
      eligible
      cast
      quorumReached
      quorumNeeded
      adoptionNeeded
      outcome
      results {
        option {
          id
        }
        count
      }
    }
  }
`);

export type VoteResultsVariant = 'card' | 'room' | 'projector';

const SCALE = 1000;

/** A horizontal bar as SVG (attributes, not style: the CSP allows no inline style). */
function Bar({ length, marker, tone }: { length: number; marker?: number | null; tone: string }) {
  const w = Math.round(Math.min(1, Math.max(0, length)) * SCALE);
  return (
    <svg
      className={`m-bar m-bar--${tone} m-bar--step-${lengthStep(length)}`}
      viewBox={`0 0 ${SCALE} 10`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="m-bar__track" x="0" y="0" width={SCALE} height="10" />
      <rect className="m-bar__fill" x="0" y="0" width={w} height="10" />
      {marker !== null && marker !== undefined ? (
        <line className="m-bar__marker" x1={marker * SCALE} x2={marker * SCALE} y1="0" y2="10" />
      ) : null}
    </svg>
  );
}

/**
 * A vote's figures: ballots cast of eligible, the quorum, the counts per option as bars
 * (when the server shows them), and the outcome in words once it is closed.
 */
export function VoteResults(props: {
  vote: FragmentType<typeof VoteResultsFragment>;
  variant?: VoteResultsVariant;
  showTitle?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t, formatDateTime } = useI18n();
  const v = getFragmentData(VoteResultsFragment, props.vote);
  const variant = props.variant ?? 'card';
  const { eligible, cast } = v.tally;
  const bars = tallyBars(v.options, v.tally.results, eligible);
  const line = v.tally.adoptionNeeded ?? null;
  const scale = Math.max(eligible, 1, ...(bars ?? []).map((b) => b.count));
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const needed = v.tally.quorumNeeded;
  return (
    <section
      className={`vote-results vote-results--${variant}`}
      aria-label={props.showTitle === false ? v.title : undefined}
      data-testid="vote-results"
      data-vote-state={v.state}
    >
      {props.showTitle === false ? null : (
        <div className="vote-results__head">
          <Heading className="vote-results__title">{v.title}</Heading>
          <VoteStateBadge state={v.state} />
        </div>
      )}
      <p className="vote-results__rule">
        {t(`meetings.voteKind.${v.kind}`)} · {t(`meetings.majority.${v.majority}`)}
        {v.deadline ? ` · ${t('meetings.vote.deadlineAt', { time: formatDateTime(v.deadline) })}` : null}
      </p>
      {v.state === 'DRAFT' ? (
        <p className="muted">{t('meetings.vote.notOpenYet')}</p>
      ) : (
        <>
          <div className="vote-results__turnout" aria-live="polite">
            <span className="vote-results__cast">
              <span className="vote-results__cast-number" data-testid="vote-cast">
                {cast}/{eligible}
              </span>
              <span className="vote-results__cast-label">{t('meetings.vote.castOfEligible')}</span>
            </span>
            <Bar length={turnout(cast, eligible)} marker={eligible > 0 ? needed / eligible : null} tone="turnout" />
            <span
              className={v.tally.quorumReached ? 'm-quorum m-quorum--reached' : 'm-quorum'}
              data-testid="vote-quorum"
            >
              {v.tally.quorumReached
                ? t('meetings.vote.quorumReached', { needed })
                : t('meetings.vote.quorumNeeded', { needed })}
            </span>
          </div>
          {bars ? (
            <ol className="vote-results__bars" data-testid="vote-bars">
              {bars.map((b, i) => (
                <li key={b.optionId} className="vote-bar" data-testid="vote-bar" data-option={b.label}>
                  <span className="vote-bar__label">{b.label}</span>
                  <span className="vote-bar__count" data-testid="vote-bar-count">
                    {t('meetings.vote.ballots', { n: b.count })}
                    {cast > 0 ? <span className="vote-bar__percent"> ({b.percent}%)</span> : null}
                  </span>
                  <Bar
                    length={b.count / scale}
                    marker={i === 0 && line !== null ? line / scale : null}
                    tone={i === 0 ? 'yes' : i === 1 ? 'no' : 'other'}
                  />
                </li>
              ))}
            </ol>
          ) : (
            <p className="vote-results__hidden" data-testid="vote-results-hidden">
              {v.kind !== 'SECRET'
                ? t('meetings.vote.hiddenUntilClosed')
                : v.state === 'CLOSED'
                  ? t('meetings.vote.withheldSecret')
                  : t('meetings.vote.hiddenSecret')}
            </p>
          )}
          {line !== null && bars ? (
            <p className="vote-results__line-note">{t('meetings.vote.majorityLine', { n: line })}</p>
          ) : null}
          {v.state === 'CLOSED' ? (
            <p className="vote-results__outcome">
              <OutcomeBadge outcome={v.tally.outcome} large={variant !== 'card'} />
              <span className="vote-results__outcome-words">{t(`meetings.outcomeWords.${v.tally.outcome}`)}</span>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
