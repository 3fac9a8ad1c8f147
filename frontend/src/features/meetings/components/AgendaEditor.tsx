import type { SyntheticEvent } from 'react';
import { useId, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { AgendaItemStatus, Clearance } from '../../../gql/graphql';
import { focusFirstInvalid } from '../lib/focus';
import { hasErrors, validateAgendaItem } from '../lib/validation';
import { CLEARANCES } from './MeetingForm';

export interface NewAgendaItem {
  title: string;
  description: string | null;
  presenterId: string | null;
  presenterUnitId: string | null;
  plannedMinutes: number | null;
}

/** Add an item at the end of the agenda (secretariat). */
export function AddAgendaItemForm(props: {
  units: readonly { id: string; name: string }[];
  /** Who may present it (the meeting's participants): a person, a unit, or both. */
  people: readonly { id: string; name: string }[];
  submitting: boolean;
  onSubmit: (item: NewAgendaItem) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [presenterId, setPresenterId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [touched, setTouched] = useState(false);
  const errors = validateAgendaItem({ title, plannedMinutes: minutes });

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setTouched(true);
    if (hasErrors(errors)) {
      focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    void props
      .onSubmit({
        title: title.trim(),
        description: description.trim() || null,
        presenterId: presenterId || null,
        presenterUnitId: unitId || null,
        plannedMinutes: minutes ? Number(minutes) : null,
      })
      .then((ok) => {
        if (!ok) return;
        setTitle('');
        setDescription('');
        setMinutes('');
        setPresenterId('');
        setUnitId('');
        setTouched(false);
      });
  };

  return (
    <form className="m-form add-item" onSubmit={submit} noValidate data-testid="add-agenda-item">
      <h3 className="add-item__title">{t('meetings.agenda.add')}</h3>
      <div className="m-form__grid">
        <label className="m-field m-field--wide">
          <span className="m-field__label">{t('meetings.agenda.itemTitle')}</span>
          <input
            name="itemTitle"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
            }}
            aria-invalid={touched && !!errors.title}
          />
          {touched && errors.title ? <span className="m-field__error">{t(errors.title)}</span> : null}
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.agenda.presenterPerson')}</span>
          <select
            name="presenterId"
            value={presenterId}
            onChange={(e) => {
              setPresenterId(e.target.value);
            }}
          >
            <option value="">—</option>
            {props.people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.agenda.presenterUnit')}</span>
          <select
            name="presenterUnitId"
            value={unitId}
            onChange={(e) => {
              setUnitId(e.target.value);
            }}
          >
            <option value="">—</option>
            {props.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.agenda.plannedMinutes')}</span>
          <input
            name="plannedMinutes"
            inputMode="numeric"
            value={minutes}
            onChange={(e) => {
              setMinutes(e.target.value);
            }}
            aria-invalid={touched && !!errors.plannedMinutes}
          />
          {touched && errors.plannedMinutes ? <span className="m-field__error">{t(errors.plannedMinutes)}</span> : null}
        </label>
        <label className="m-field m-field--wide">
          <span className="m-field__label">{t('meetings.agenda.description')}</span>
          <textarea
            rows={2}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
            }}
          />
        </label>
      </div>
      <div className="m-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={props.submitting}
          data-testid="add-item-submit"
        >
          <Icon name="plus" />
          {t('meetings.agenda.addButton')}
        </button>
      </div>
    </form>
  );
}

/** Secretariat tools of one item: move, remove (pending items), attach a document. */
export function AgendaItemTools(props: {
  itemId: string;
  title: string;
  position: number;
  count: number;
  status: AgendaItemStatus;
  busy: string | null;
  onMove: (position: number) => void;
  onRemove: () => void;
  onAttach: (file: File, confidentiality: Clearance) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [level, setLevel] = useState<Clearance>('INTERNAL');
  const [inputKey, setInputKey] = useState(0);
  return (
    <details className="item-tools m-disclosure" data-testid="item-tools">
      <summary className="m-disclosure__summary">{t('meetings.agenda.tools')}</summary>
      <div className="item-tools__row">
        <button
          type="button"
          className="button button--secondary"
          disabled={props.position <= 1 || props.busy !== null}
          onClick={() => {
            props.onMove(props.position - 1);
          }}
          aria-label={t('meetings.agenda.moveUp', { title: props.title })}
        >
          <Icon name="arrowUp" />
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={props.position >= props.count || props.busy !== null}
          onClick={() => {
            props.onMove(props.position + 1);
          }}
          aria-label={t('meetings.agenda.moveDown', { title: props.title })}
        >
          <Icon name="arrowDown" />
        </button>
        {props.status === 'PENDING' ? (
          <button
            type="button"
            className="button button--secondary m-button--danger"
            disabled={props.busy !== null}
            onClick={() => {
              if (window.confirm(t('meetings.agenda.confirmRemove', { title: props.title }))) props.onRemove();
            }}
          >
            <Icon name="trash" />
            {t('meetings.agenda.remove')}
          </button>
        ) : null}
      </div>
      <form
        className="item-tools__upload"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          void props.onAttach(file, level).then((ok) => {
            if (ok) {
              setFile(null);
              setInputKey((k) => k + 1);
            }
          });
        }}
      >
        <label className="m-field">
          <span className="m-field__label">{t('meetings.documents.attach')}</span>
          <input
            key={inputKey}
            id={`${id}-file`}
            type="file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
            }}
            data-testid="attach-file"
          />
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.field.confidentiality')}</span>
          <select
            value={level}
            onChange={(e) => {
              setLevel(e.target.value as Clearance);
            }}
          >
            {CLEARANCES.map((c) => (
              <option key={c} value={c}>
                {t(`meetings.clearance.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="button button--secondary"
          disabled={!file || props.busy === `attach:${props.itemId}`}
          data-testid="attach-submit"
        >
          <Icon name="upload" />
          {t('meetings.documents.upload')}
        </button>
      </form>
    </details>
  );
}
