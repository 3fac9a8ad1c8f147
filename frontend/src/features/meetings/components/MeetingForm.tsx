import type { ReactNode, SyntheticEvent } from 'react';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import type { Clearance, MeetingKind } from '../../../gql/graphql';
import type { MeetingFormValues } from '../lib/validation';
import { focusFirstInvalid } from '../lib/focus';
import { hasErrors, validateMeeting } from '../lib/validation';
import type { PickedUser, UserPickerFragment } from './UserPicker';
import { UserPicker } from './UserPicker';

export const KINDS: readonly MeetingKind[] = ['REGULAR', 'THEMATIC', 'STEERING_COMMITTEE', 'EXTRAORDINARY'];
export const CLEARANCES: readonly Clearance[] = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'];

export interface MeetingFormState extends Omit<MeetingFormValues, 'participants' | 'kind' | 'confidentiality'> {
  kind: MeetingKind;
  confidentiality: Clearance;
  participants: PickedUser[];
  /** Units invited as a whole: their officers may see the meeting (up to their clearance). */
  invitedUnitIds: string[];
}

/**
 * Create or edit a meeting: title, kind, start and end (Vietnam time), place, level and the
 * participants with their roles, and the units invited as a whole. Checked here first; the server's UserErrors show above.
 */
export function MeetingForm(props: {
  initial: MeetingFormState;
  submitLabel: string;
  submitting: boolean;
  onSubmit: (values: MeetingFormState) => void;
  /** The units that may be invited as a whole. */
  units: readonly { id: string; name: string }[];
  userSearch: string;
  onUserSearch: (text: string) => void;
  userResults: readonly FragmentType<typeof UserPickerFragment>[];
  searching?: boolean;
  problem?: ReactNode;
  cancel?: ReactNode;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<MeetingFormState>(props.initial);
  const [touched, setTouched] = useState(false);
  const errors = validateMeeting(values);
  const show = (key: keyof typeof errors) => {
    const k = errors[key];
    return touched && k ? t(k) : null;
  };

  const set = <K extends keyof MeetingFormState>(key: K, value: MeetingFormState[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setTouched(true);
    if (hasErrors(errors)) {
      focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    props.onSubmit(values);
  };

  return (
    <form className="m-form card" onSubmit={submit} noValidate data-testid="meeting-form">
      {props.problem}
      <div className="m-form__grid">
        <label className="m-field m-field--wide">
          <span className="m-field__label">{t('meetings.field.title')}</span>
          <input
            name="title"
            value={values.title}
            onChange={(e) => {
              set('title', e.target.value);
            }}
            aria-invalid={!!show('title')}
            required
            maxLength={500}
          />
          {show('title') ? <span className="m-field__error">{show('title')}</span> : null}
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.field.kind')}</span>
          <select
            name="kind"
            value={values.kind}
            onChange={(e) => {
              set('kind', e.target.value as MeetingKind);
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.field.confidentiality')}</span>
          <select
            name="confidentiality"
            value={values.confidentiality}
            onChange={(e) => {
              set('confidentiality', e.target.value as Clearance);
            }}
          >
            {CLEARANCES.map((c) => (
              <option key={c} value={c}>
                {t(`meetings.clearance.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.field.startsAt')}</span>
          <input
            type="datetime-local"
            name="startsAt"
            value={values.startsAt}
            onChange={(e) => {
              set('startsAt', e.target.value);
            }}
            aria-invalid={!!show('startsAt')}
            required
          />
          {show('startsAt') ? <span className="m-field__error">{show('startsAt')}</span> : null}
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.field.endsAt')}</span>
          <input
            type="datetime-local"
            name="endsAt"
            value={values.endsAt}
            onChange={(e) => {
              set('endsAt', e.target.value);
            }}
            aria-invalid={!!show('endsAt')}
          />
          {show('endsAt') ? <span className="m-field__error">{show('endsAt')}</span> : null}
        </label>
        <label className="m-field m-field--wide">
          <span className="m-field__label">{t('meetings.field.location')}</span>
          <input
            name="location"
            value={values.location}
            onChange={(e) => {
              set('location', e.target.value);
            }}
            maxLength={255}
          />
        </label>
      </div>
      <p className="m-form__hint">{t('meetings.form.timeZoneHint')}</p>
      <UserPicker
        label={t('meetings.field.participants')}
        search={props.userSearch}
        onSearch={props.onUserSearch}
        results={props.userResults}
        searching={props.searching}
        selected={values.participants}
        onChange={(next) => {
          set('participants', next);
        }}
        error={show('participants')}
      />
      {props.units.length > 0 ? (
        <fieldset className="m-units" data-testid="invited-units">
          <legend className="m-field__label">{t('meetings.invitedUnits')}</legend>
          <p className="m-form__hint">{t('meetings.invitedUnitsHint')}</p>
          <div className="m-units__list">
            {props.units.map((u) => (
              <label key={u.id} className="m-units__unit">
                <input
                  type="checkbox"
                  name="invitedUnit"
                  value={u.id}
                  checked={values.invitedUnitIds.includes(u.id)}
                  onChange={(e) => {
                    const others = values.invitedUnitIds.filter((x) => x !== u.id);
                    set('invitedUnitIds', e.target.checked ? [...others, u.id] : others);
                  }}
                />
                <span>{u.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="m-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={props.submitting}
          data-testid="meeting-submit"
        >
          {props.submitLabel}
        </button>
        {props.cancel}
      </div>
    </form>
  );
}
