import { useId } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import type { ParticipantRole } from '../../../gql/graphql';

export const UserPickerFragment = graphql(`
  fragment UserPicker_user on User {
    id
    username
    fullName
    position
    unit {
      id
      name
    }
  }
`);

export interface PickedUser {
  userId: string;
  fullName: string;
  detail: string;
  role: ParticipantRole;
}

const ROLES: readonly ParticipantRole[] = ['CHAIR', 'MEMBER', 'SECRETARY', 'GUEST'];

export function pickedFrom(ref: FragmentType<typeof UserPickerFragment>, role: ParticipantRole): PickedUser {
  const u = getFragmentData(UserPickerFragment, ref);
  return { userId: u.id, fullName: u.fullName, detail: [u.position, u.unit?.name].filter(Boolean).join(' · '), role };
}

/**
 * Choose people and their part: search (by name or username), add, set the role, remove.
 * The page runs the `users` search and passes the results in.
 */
export function UserPicker(props: {
  label: string;
  search: string;
  onSearch: (text: string) => void;
  results: readonly FragmentType<typeof UserPickerFragment>[];
  searching?: boolean;
  selected: readonly PickedUser[];
  onChange: (next: PickedUser[]) => void;
  withRoles?: boolean;
  error?: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const results = getFragmentData(UserPickerFragment, props.results);
  const chosen = new Set(props.selected.map((p) => p.userId));
  return (
    <fieldset className="user-picker" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend className="m-field__label">{props.label}</legend>
      {props.selected.length === 0 ? (
        <p className="muted">{t('meetings.picker.noneChosen')}</p>
      ) : (
        <ul className="user-picker__chosen" data-testid="picked-users">
          {props.selected.map((p) => (
            <li key={p.userId} className="user-picker__row" data-testid="picked-user">
              <span className="user-picker__who">
                <span className="user-picker__name">{p.fullName}</span>
                <span className="user-picker__detail">{p.detail}</span>
              </span>
              {props.withRoles === false ? null : (
                <label className="m-compact-field">
                  <span className="visually-hidden">{t('meetings.picker.roleOf', { name: p.fullName })}</span>
                  <select
                    value={p.role}
                    data-testid="picked-role"
                    onChange={(e) => {
                      const role = e.target.value as ParticipantRole;
                      props.onChange(props.selected.map((q) => (q.userId === p.userId ? { ...q, role } : q)));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`meetings.role.${r}`)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('meetings.picker.remove', { name: p.fullName })}
                onClick={() => {
                  props.onChange(props.selected.filter((q) => q.userId !== p.userId));
                }}
              >
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {props.error ? (
        <p id={`${id}-error`} className="m-field__error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="user-picker__search">
        <label className="m-field">
          <span className="m-field__label">{t('meetings.picker.search')}</span>
          <span className="m-input-icon">
            <Icon name="search" />
            <input
              type="search"
              value={props.search}
              onChange={(e) => {
                props.onSearch(e.target.value);
              }}
              placeholder={t('meetings.picker.searchPlaceholder')}
              data-testid="user-search"
            />
          </span>
        </label>
        <ul className="user-picker__results" aria-busy={props.searching ?? false} data-testid="user-results">
          {results
            .filter((u) => !chosen.has(u.id))
            .map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="user-picker__result"
                  data-testid="user-result"
                  data-username={u.username}
                  onClick={() => {
                    props.onChange([
                      ...props.selected,
                      {
                        userId: u.id,
                        fullName: u.fullName,
                        detail: [u.position, u.unit?.name].filter(Boolean).join(' · '),
                        role: 'MEMBER',
                      },
                    ]);
                  }}
                >
                  <Icon name="plus" />
                  <span className="user-picker__who">
                    <span className="user-picker__name">{u.fullName}</span>
                    <span className="user-picker__detail">
                      {[u.username, u.position, u.unit?.name].filter(Boolean).join(' · ')}
                    </span>
                  </span>
                </button>
              </li>
            ))}
        </ul>
      </div>
    </fieldset>
  );
}
