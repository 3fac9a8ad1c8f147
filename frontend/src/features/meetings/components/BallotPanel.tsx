import { useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';

export const BallotPanelFragment = graphql(`
  fragment BallotPanel_vote on Vote {
    id
    title
    kind
    state
    deadline
    viewerCanVote
    viewerHasVoted
    options {
      id
      label
    }
  }
`);

/**
 * Casting a ballot: one tap on an option, then a confirmation step (a ballot cannot be
 * changed). Touch targets are large (≥ 56 px) for tablets in the meeting room. Render it
 * with `key={vote id}` so that a new vote starts afresh.
 */
export function BallotPanel(props: {
  vote: FragmentType<typeof BallotPanelFragment>;
  onCast: (voteId: string, optionId: string) => Promise<boolean>;
  busy?: boolean;
  large?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const v = getFragmentData(BallotPanelFragment, props.vote);
  const [chosen, setChosen] = useState<string | null>(null);
  const [castLabel, setCastLabel] = useState<string | null>(null);

  const option = v.options.find((o) => o.id === chosen) ?? null;

  if (v.viewerHasVoted || castLabel) {
    return (
      <div className="ballot ballot--done" role="status" data-testid="ballot-done">
        <Icon name="check" />
        <p>
          {castLabel && v.kind === 'OPEN'
            ? t('meetings.ballot.castFor', { option: castLabel })
            : t('meetings.ballot.cast')}
        </p>
      </div>
    );
  }
  if (v.state !== 'OPEN') return null;
  if (!v.viewerCanVote) {
    return (
      <p className="ballot ballot--ineligible" data-testid="ballot-ineligible">
        {t('meetings.ballot.notEligible')}
      </p>
    );
  }

  return (
    <div className={props.large ? 'ballot ballot--large' : 'ballot'} data-testid="ballot">
      {v.deadline ? (
        <p className="ballot__deadline">{t('meetings.vote.deadlineAt', { time: formatDateTime(v.deadline) })}</p>
      ) : null}
      {option === null ? (
        <fieldset className="ballot__options">
          <legend className="ballot__legend">{t('meetings.ballot.choose')}</legend>
          {v.options.map((o, i) => (
            <button
              key={o.id}
              type="button"
              className={`ballot__option ballot__option--${i === 0 ? 'yes' : i === 1 ? 'no' : 'other'}`}
              onClick={() => {
                setChosen(o.id);
              }}
              data-testid="ballot-option"
              data-option={o.label}
            >
              {o.label}
            </button>
          ))}
        </fieldset>
      ) : (
        <div className="ballot__confirm" role="group" aria-labelledby={`confirm-${v.id}`}>
          <p id={`confirm-${v.id}`} className="ballot__confirm-text">
            {t('meetings.ballot.confirmQuestion')} <strong data-testid="ballot-chosen">{option.label}</strong>
          </p>
          <p className="ballot__confirm-hint">{t('meetings.ballot.final')}</p>
          <div className="ballot__confirm-actions">
            <button
              type="button"
              className="button button--primary ballot__confirm-button"
              disabled={props.busy}
              onClick={() => {
                void props.onCast(v.id, option.id).then((ok) => {
                  if (ok) setCastLabel(option.label);
                  else setChosen(null);
                });
              }}
              data-testid="ballot-confirm"
            >
              <Icon name="check" />
              {t('meetings.ballot.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary ballot__confirm-button"
              disabled={props.busy}
              onClick={() => {
                setChosen(null);
              }}
              data-testid="ballot-change"
            >
              {t('meetings.ballot.change')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
