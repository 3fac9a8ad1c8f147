import type { ReactNode, SyntheticEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import type { MajorityRule, VoteKind } from '../../../gql/graphql';
import { focusFirstInvalid } from '../lib/focus';
import { parseOptions, hasErrors, validateVote } from '../lib/validation';
import type { PickedUser, UserPickerFragment } from './UserPicker';
import { UserPicker } from './UserPicker';

export interface VoteFormResult {
  title: string;
  agendaItemId: string | null;
  kind: VoteKind;
  majority: MajorityRule;
  liveResults: boolean;
  options: string[] | null;
  deadline: string;
  voterIds: string[];
}

const MAJORITIES: readonly MajorityRule[] = ['ABSOLUTE', 'SIMPLE', 'TWO_THIRDS'];

/**
 * A new vote (created as a draft, opened separately): what is voted on, open or secret,
 * the majority rule, live results, and optional options (default: Tán thành / Không tán
 * thành / Không ý kiến). A written ballot also takes a deadline and its voters.
 */
export function VoteForm(props: {
  items?: readonly { id: string; label: string }[];
  defaultItemId?: string | null;
  written?: {
    userSearch: string;
    onUserSearch: (text: string) => void;
    userResults: readonly FragmentType<typeof UserPickerFragment>[];
  };
  submitting: boolean;
  onSubmit: (values: VoteFormResult) => Promise<boolean>;
  problem?: ReactNode;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [itemId, setItemId] = useState<string>(props.defaultItemId ?? '');
  const [kind, setKind] = useState<VoteKind>('OPEN');
  const [majority, setMajority] = useState<MajorityRule>('ABSOLUTE');
  const [liveResults, setLiveResults] = useState(false);
  const [optionsText, setOptionsText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [voters, setVoters] = useState<PickedUser[]>([]);
  const [touched, setTouched] = useState(false);
  const written = !!props.written;
  const errors = validateVote(
    { title, options: optionsText, deadline, voterIds: voters.map((v) => v.userId) },
    { written },
  );
  const show = (key: keyof typeof errors) => {
    const k = errors[key];
    return touched && k ? t(k) : null;
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setTouched(true);
    if (hasErrors(errors)) {
      focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    const options = parseOptions(optionsText);
    void props
      .onSubmit({
        title: title.trim(),
        agendaItemId: itemId || null,
        kind,
        majority,
        liveResults: kind === 'OPEN' && liveResults,
        options: options.length > 0 ? options : null,
        deadline,
        voterIds: voters.map((v) => v.userId),
      })
      .then((ok) => {
        if (!ok) return;
        setTitle('');
        setOptionsText('');
        setVoters([]);
        setDeadline('');
        setTouched(false);
      });
  };

  return (
    <form className="m-form vote-form" onSubmit={submit} noValidate data-testid="vote-form">
      {props.problem}
      <label className="m-field m-field--wide">
        <span className="m-field__label">{t('meetings.vote.title')}</span>
        <input
          name="voteTitle"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
          }}
          aria-invalid={!!show('title')}
          data-testid="vote-title-input"
        />
        {show('title') ? <span className="m-field__error">{show('title')}</span> : null}
      </label>
      <div className="m-form__grid">
        {props.items && props.items.length > 0 ? (
          <label className="m-field">
            <span className="m-field__label">{t('meetings.vote.agendaItem')}</span>
            <select
              value={itemId}
              onChange={(e) => {
                setItemId(e.target.value);
              }}
            >
              <option value="">{t('meetings.vote.noItem')}</option>
              {props.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="m-field">
          <span className="m-field__label">{t('meetings.vote.kind')}</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as VoteKind);
            }}
            data-testid="vote-kind"
          >
            <option value="OPEN">{t('meetings.voteKind.OPEN')}</option>
            <option value="SECRET">{t('meetings.voteKind.SECRET')}</option>
          </select>
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.vote.majority')}</span>
          <select
            value={majority}
            onChange={(e) => {
              setMajority(e.target.value as MajorityRule);
            }}
          >
            {MAJORITIES.map((m) => (
              <option key={m} value={m}>
                {t(`meetings.majority.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {written ? (
          <label className="m-field">
            <span className="m-field__label">{t('meetings.vote.deadline')}</span>
            <input
              type="datetime-local"
              value={deadline}
              onChange={(e) => {
                setDeadline(e.target.value);
              }}
              aria-invalid={!!show('deadline')}
            />
            {show('deadline') ? <span className="m-field__error">{show('deadline')}</span> : null}
          </label>
        ) : null}
      </div>
      <label className="m-check">
        <input
          type="checkbox"
          checked={kind === 'OPEN' && liveResults}
          disabled={kind === 'SECRET'}
          onChange={(e) => {
            setLiveResults(e.target.checked);
          }}
          data-testid="vote-live-results"
        />
        <span>{t('meetings.vote.liveResults')}</span>
      </label>
      <label className="m-field m-field--wide">
        <span className="m-field__label">{t('meetings.vote.options')}</span>
        <textarea
          rows={3}
          value={optionsText}
          onChange={(e) => {
            setOptionsText(e.target.value);
          }}
          placeholder={t('meetings.vote.optionsPlaceholder')}
          aria-invalid={!!show('options')}
        />
        <span className="m-field__hint">{t('meetings.vote.optionsHint')}</span>
        {show('options') ? <span className="m-field__error">{show('options')}</span> : null}
      </label>
      {props.written ? (
        <UserPicker
          label={t('meetings.vote.voters')}
          search={props.written.userSearch}
          onSearch={props.written.onUserSearch}
          results={props.written.userResults}
          selected={voters}
          onChange={setVoters}
          withRoles={false}
          error={show('voterIds')}
        />
      ) : null}
      <div className="m-form__actions">
        <button type="submit" className="button button--primary" disabled={props.submitting} data-testid="vote-create">
          {t('meetings.vote.create')}
        </button>
      </div>
    </form>
  );
}
