import type { ReactNode, SyntheticEvent } from 'react';
import { useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import type { ConclusionField, ConclusionValues, DirectiveValues } from '../lib/validation';
import { focusFirstInvalid } from '../lib/focus';
import { hasErrors, validateConclusion } from '../lib/validation';

export interface UnitOption {
  id: string;
  name: string;
}

const EMPTY_DIRECTIVE: DirectiveValues = { title: '', leadUnitId: '', coordinatingUnitIds: [], dueDate: '' };

/**
 * The conclusion notice: number (số hiệu), date, text and directives — each with the unit in
 * charge (chủ trì), coordinating units (phối hợp) and a deadline. Saved as a draft; issuing
 * makes it final and turns every directive into a task.
 */
export function ConclusionForm(props: {
  initial: ConclusionValues;
  units: readonly UnitOption[];
  busy: 'save' | 'issue' | null;
  onSave: (values: ConclusionValues) => void;
  onIssue: (values: ConclusionValues) => void;
  problem?: ReactNode;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<ConclusionValues>(props.initial);
  const [mode, setMode] = useState<'save' | 'issue' | null>(null);
  const errors = validateConclusion(values, { forIssue: mode === 'issue' });
  const show = (key: ConclusionField) => {
    const k = errors[key];
    return mode && k ? t(k) : null;
  };
  const unitName = (id: string) => props.units.find((u) => u.id === id)?.name ?? id;

  const setDirective = (index: number, change: Partial<DirectiveValues>) => {
    setValues((v) => ({ ...v, directives: v.directives.map((d, i) => (i === index ? { ...d, ...change } : d)) }));
  };

  const formRef = useRef<HTMLFormElement>(null);
  const submit = (which: 'save' | 'issue') => (e?: SyntheticEvent) => {
    e?.preventDefault();
    setMode(which);
    if (hasErrors(validateConclusion(values, { forIssue: which === 'issue' }))) {
      focusFirstInvalid(formRef.current);
      return;
    }
    if (which === 'save') props.onSave(values);
    else props.onIssue(values);
  };

  return (
    <form
      ref={formRef}
      className="m-form card conclusion-form"
      onSubmit={submit('save')}
      noValidate
      data-testid="conclusion-form"
    >
      {props.problem}
      <div className="m-form__grid">
        <label className="m-field">
          <span className="m-field__label">{t('meetings.conclusion.number')}</span>
          <input
            name="number"
            value={values.number}
            placeholder="123/TB-VPCP"
            onChange={(e) => {
              setValues((v) => ({ ...v, number: e.target.value }));
            }}
            aria-invalid={!!show('number')}
          />
          {show('number') ? <span className="m-field__error">{show('number')}</span> : null}
        </label>
        <label className="m-field">
          <span className="m-field__label">{t('meetings.conclusion.date')}</span>
          <input
            type="date"
            name="issuedOn"
            value={values.issuedOn}
            onChange={(e) => {
              setValues((v) => ({ ...v, issuedOn: e.target.value }));
            }}
            aria-invalid={!!show('issuedOn')}
          />
          {show('issuedOn') ? <span className="m-field__error">{show('issuedOn')}</span> : null}
        </label>
      </div>
      <label className="m-field m-field--wide">
        <span className="m-field__label">{t('meetings.conclusion.text')}</span>
        <textarea
          name="text"
          rows={8}
          value={values.text}
          onChange={(e) => {
            setValues((v) => ({ ...v, text: e.target.value }));
          }}
          aria-invalid={!!show('text')}
        />
        {show('text') ? <span className="m-field__error">{show('text')}</span> : null}
      </label>
      <fieldset className="directive-editor">
        <legend className="m-field__label">{t('meetings.conclusion.directives')}</legend>
        {values.directives.length === 0 ? <p className="muted">{t('meetings.conclusion.noDirectives')}</p> : null}
        <ol className="directive-editor__list">
          {values.directives.map((d, i) => (
            <li key={i} className="directive-editor__item" data-testid="directive-editor">
              <label className="m-field m-field--wide">
                <span className="m-field__label">{t('meetings.conclusion.directiveTitle', { n: i + 1 })}</span>
                <textarea
                  rows={2}
                  value={d.title}
                  onChange={(e) => {
                    setDirective(i, { title: e.target.value });
                  }}
                  aria-invalid={!!show(`directive.${i}.title`)}
                />
                {show(`directive.${i}.title`) ? (
                  <span className="m-field__error">{show(`directive.${i}.title`)}</span>
                ) : null}
              </label>
              <div className="m-form__grid">
                <label className="m-field">
                  <span className="m-field__label">{t('meetings.conclusion.leadUnit')}</span>
                  <select
                    value={d.leadUnitId}
                    onChange={(e) => {
                      setDirective(i, { leadUnitId: e.target.value });
                    }}
                    aria-invalid={!!show(`directive.${i}.leadUnitId`)}
                  >
                    <option value="">{t('meetings.conclusion.chooseUnit')}</option>
                    {props.units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                  {show(`directive.${i}.leadUnitId`) ? (
                    <span className="m-field__error">{show(`directive.${i}.leadUnitId`)}</span>
                  ) : null}
                </label>
                <label className="m-field">
                  <span className="m-field__label">{t('meetings.conclusion.dueDate')}</span>
                  <input
                    type="date"
                    value={d.dueDate}
                    onChange={(e) => {
                      setDirective(i, { dueDate: e.target.value });
                    }}
                  />
                </label>
                <label className="m-field">
                  <span className="m-field__label">{t('meetings.conclusion.addCoordinating')}</span>
                  <select
                    value=""
                    onChange={(e) => {
                      const id = e.target.value;
                      if (id && !d.coordinatingUnitIds.includes(id) && id !== d.leadUnitId)
                        setDirective(i, { coordinatingUnitIds: [...d.coordinatingUnitIds, id] });
                    }}
                  >
                    <option value="">{t('meetings.conclusion.chooseUnit')}</option>
                    {props.units
                      .filter((u) => u.id !== d.leadUnitId && !d.coordinatingUnitIds.includes(u.id))
                      .map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.name}
                        </option>
                      ))}
                  </select>
                </label>
              </div>
              {d.coordinatingUnitIds.length > 0 ? (
                <ul className="chips" aria-label={t('meetings.conclusion.coordinatingUnits')}>
                  {d.coordinatingUnitIds.map((id) => (
                    <li key={id} className="chip chip--removable">
                      {unitName(id)}
                      <button
                        type="button"
                        className="chip__remove"
                        aria-label={t('meetings.conclusion.removeUnit', { name: unitName(id) })}
                        onClick={() => {
                          setDirective(i, { coordinatingUnitIds: d.coordinatingUnitIds.filter((x) => x !== id) });
                        }}
                      >
                        <Icon name="close" />
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setValues((v) => ({ ...v, directives: v.directives.filter((_, j) => j !== i) }));
                }}
              >
                <Icon name="trash" />
                {t('meetings.conclusion.removeDirective')}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setValues((v) => ({ ...v, directives: [...v.directives, EMPTY_DIRECTIVE] }));
          }}
          data-testid="add-directive"
        >
          <Icon name="plus" />
          {t('meetings.conclusion.addDirective')}
        </button>
      </fieldset>
      <div className="m-form__actions">
        <button
          type="submit"
          className="button button--secondary"
          disabled={props.busy !== null}
          data-testid="conclusion-save"
        >
          {t('meetings.conclusion.save')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={props.busy !== null}
          onClick={() => {
            submit('issue')();
          }}
          data-testid="conclusion-issue"
        >
          {t('meetings.conclusion.issue')}
        </button>
      </div>
      <p className="m-form__hint">{t('meetings.conclusion.issueHint')}</p>
    </form>
  );
}
