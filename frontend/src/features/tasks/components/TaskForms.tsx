import { useCallback, useId, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { TaskPriority } from '../../../gql/graphql';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_MB, attachmentProblem } from '../lib/attachments';
import { addDaysIso } from '../lib/dates';
import type { MutationProblem } from '../lib/mutationResult';
import { FormProblem } from './FormProblem';
import { useFormSubmit } from './useFormSubmit';

type Submit<T> = (values: T) => Promise<MutationProblem | null>;

function FormButtons({
  busy,
  label,
  onCancel,
  testId,
}: {
  busy: boolean;
  label: string;
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form__buttons">
      <button type="submit" className="button button--primary" disabled={busy} data-testid={testId}>
        {busy ? t('tasks.form.saving') : label}
      </button>
      {onCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          {t('tasks.form.close')}
        </button>
      ) : null}
    </div>
  );
}

/** Progress report by the lead unit: what was done and the new percentage (100 completes). */
export function ReportProgressForm({
  current,
  onSubmit,
  onClose,
}: {
  current: number;
  onSubmit: Submit<{ text: string; progress: number; files: File[] }>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [progress, setProgress] = useState(String(Math.min(100, current)));
  const [files, setFiles] = useState<File[]>([]);
  const value = Number.parseInt(progress, 10);
  const run = useCallback(async (): Promise<MutationProblem | null> => {
    const tooMany = attachmentProblem(files, t);
    if (tooMany) return { kind: 'user', message: tooMany, field: 'attachments' };
    return onSubmit({ text: text.trim(), progress: value, files });
  }, [onSubmit, text, value, files, t]);
  const { busy, problem, submit } = useFormSubmit(run, onClose);
  return (
    <form className="form card card--inset" onSubmit={submit} data-testid="report-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t('tasks.action.report')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('tasks.form.reportText')}</label>
        <textarea
          id={`${id}-text`}
          className="input"
          rows={4}
          required
          maxLength={5000}
          value={text}
          data-testid="report-text"
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-progress`}>{t('tasks.form.reportProgress')}</label>
        <div className="field__inline">
          <input
            id={`${id}-progress`}
            className="input input--narrow"
            type="number"
            inputMode="numeric"
            min={current}
            max={100}
            step={1}
            required
            value={progress}
            data-testid="report-progress"
            aria-describedby={`${id}-progress-hint`}
            onChange={(e) => {
              setProgress(e.target.value);
            }}
          />
          <span>%</span>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setProgress('100');
            }}
          >
            {t('tasks.form.markComplete')}
          </button>
        </div>
        <p id={`${id}-progress-hint`} className="field__hint">
          {value === 100 ? t('tasks.form.completesHint') : t('tasks.form.progressHint', { current })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>{t('tasks.attachments.title')}</label>
        <input
          id={`${id}-files`}
          className="input"
          type="file"
          multiple
          data-testid="report-files"
          aria-describedby={`${id}-files-hint`}
          onChange={(e) => {
            setFiles(Array.from(e.target.files ?? []));
          }}
        />
        <p id={`${id}-files-hint`} className="field__hint">
          {t('tasks.attachments.hint', { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_MB })}
        </p>
      </div>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.sendReport')} onCancel={onClose} testId="report-submit" />
    </form>
  );
}

/** A comment (lead or coordinating unit, the assigner). */
export function CommentForm({ onSubmit }: { onSubmit: Submit<{ text: string }> }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const run = useCallback(() => onSubmit({ text: text.trim() }), [onSubmit, text]);
  const clear = useCallback(() => {
    setText('');
  }, []);
  const { busy, problem, submit } = useFormSubmit(run, clear);
  return (
    <form className="form" onSubmit={submit} data-testid="comment-form">
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('tasks.form.comment')}</label>
        <textarea
          id={`${id}-text`}
          className="input"
          rows={3}
          required
          maxLength={5000}
          value={text}
          data-testid="comment-text"
          onChange={(e) => {
            setText(e.target.value);
          }}
        />
      </div>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.sendComment')} testId="comment-submit" />
    </form>
  );
}

/** The lead unit asks for a later deadline, with a reason. */
export function ExtensionRequestForm({
  dueDate,
  onSubmit,
  onClose,
}: {
  dueDate: string | null | undefined;
  onSubmit: Submit<{ newDueDate: string; reason: string }>;
  onClose: () => void;
}) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const min = dueDate ? addDaysIso(dueDate, 1) : undefined;
  const [date, setDate] = useState(min ?? '');
  const [reason, setReason] = useState('');
  const run = useCallback(() => onSubmit({ newDueDate: date, reason: reason.trim() }), [onSubmit, date, reason]);
  const { busy, problem, submit } = useFormSubmit(run, onClose);
  return (
    <form
      className="form card card--inset"
      onSubmit={submit}
      data-testid="extension-form"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="form__title">
        {t('tasks.action.requestExtension')}
      </h3>
      {dueDate ? <p className="field__hint">{t('tasks.form.currentDue', { date: formatDate(dueDate) })}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('tasks.form.newDueDate')}</label>
        <input
          id={`${id}-date`}
          className="input input--date"
          type="date"
          required
          min={min}
          value={date}
          data-testid="extension-date"
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('tasks.form.reason')}</label>
        <textarea
          id={`${id}-reason`}
          className="input"
          rows={3}
          required
          maxLength={2000}
          value={reason}
          data-testid="extension-reason"
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </div>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.sendRequest')} onCancel={onClose} testId="extension-submit" />
    </form>
  );
}

export interface EditTaskValues {
  title: string;
  description: string;
  dueDate: string;
  priority: TaskPriority;
}

const PRIORITIES: readonly TaskPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

/** The assigner changes the title, details, deadline or priority. */
export function EditTaskForm({
  initial,
  onSubmit,
  onClose,
}: {
  initial: EditTaskValues;
  onSubmit: Submit<EditTaskValues>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState(initial);
  const run = useCallback(() => onSubmit(values), [onSubmit, values]);
  const { busy, problem, submit } = useFormSubmit(run, onClose);
  const set = (patch: Partial<EditTaskValues>) => {
    setValues((v) => ({ ...v, ...patch }));
  };
  return (
    <form className="form card card--inset" onSubmit={submit} data-testid="edit-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t('tasks.action.edit')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-title-input`}>{t('tasks.field.title')}</label>
        <textarea
          id={`${id}-title-input`}
          className="input"
          rows={2}
          required
          maxLength={1000}
          value={values.title}
          onChange={(e) => {
            set({ title: e.target.value });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('tasks.field.description')}</label>
        <textarea
          id={`${id}-description`}
          className="input"
          rows={4}
          maxLength={10000}
          value={values.description}
          onChange={(e) => {
            set({ description: e.target.value });
          }}
        />
      </div>
      <div className="form__row">
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('tasks.field.dueDate')}</label>
          <input
            id={`${id}-due`}
            className="input input--date"
            type="date"
            value={values.dueDate}
            onChange={(e) => {
              set({ dueDate: e.target.value });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t('tasks.field.priority')}</label>
          <select
            id={`${id}-priority`}
            className="input"
            value={values.priority}
            onChange={(e) => {
              set({ priority: e.target.value as TaskPriority });
            }}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`tasks.priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.save')} onCancel={onClose} testId="edit-submit" />
    </form>
  );
}

/** The assigner cancels an open task, saying why. */
export function CancelTaskForm({ onSubmit, onClose }: { onSubmit: Submit<{ reason: string }>; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const run = useCallback(() => onSubmit({ reason: reason.trim() }), [onSubmit, reason]);
  const { busy, problem, submit } = useFormSubmit(run, onClose);
  return (
    <form
      className="form card card--inset card--danger"
      onSubmit={submit}
      data-testid="cancel-form"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="form__title">
        {t('tasks.action.cancel')}
      </h3>
      <p className="field__hint">{t('tasks.form.cancelWarning')}</p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('tasks.form.reason')}</label>
        <textarea
          id={`${id}-reason`}
          className="input"
          rows={3}
          required
          maxLength={1000}
          value={reason}
          data-testid="cancel-reason"
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </div>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.confirmCancel')} onCancel={onClose} testId="cancel-submit" />
    </form>
  );
}
