import { useCallback, useId, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { TaskPriority } from '../../../gql/graphql';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_MB, attachmentProblem } from '../lib/attachments';
import { addDaysIso } from '../lib/dates';
import type { MutationProblem } from '../../../lib/mutations';
import { localProblem } from '../../../lib/mutations';
import { FormButtons } from '../../../components/form/FormButtons';
import { Field } from '../../../components/form/Field';
import { FormProblem } from '../../../components/form/FormProblem';
import { useFormSubmit } from '../../../components/form/useFormSubmit';

type Submit<T> = (values: T) => Promise<MutationProblem | null>;

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
    if (tooMany) return localProblem(tooMany, 'attachments');
    return onSubmit({ text: text.trim(), progress: value, files });
  }, [onSubmit, text, value, files, t]);
  const { busy, problem, submit } = useFormSubmit(run, onClose);
  return (
    <form className="form card card--inset" onSubmit={submit} data-testid="report-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form__title">
        {t('tasks.action.report')}
      </h3>
      <Field id={`${id}-text`} label={t('tasks.form.reportText')}>
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
      </Field>
      <Field
        id={`${id}-progress`}
        label={t('tasks.form.reportProgress')}
        hint={value === 100 ? t('tasks.form.completesHint') : t('tasks.form.progressHint', { current })}
      >
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
      </Field>
      <Field
        id={`${id}-files`}
        label={t('tasks.attachments.title')}
        hint={t('tasks.attachments.hint', { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_MB })}
      >
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
      </Field>
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
      <Field id={`${id}-text`} label={t('tasks.form.comment')}>
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
      </Field>
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
      <Field id={`${id}-date`} label={t('tasks.form.newDueDate')}>
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
      </Field>
      <Field id={`${id}-reason`} label={t('tasks.form.reason')}>
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
      </Field>
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
      <Field id={`${id}-title-input`} label={t('tasks.field.title')}>
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
      </Field>
      <Field id={`${id}-description`} label={t('tasks.field.description')}>
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
      </Field>
      <div className="form__row">
        <Field id={`${id}-due`} label={t('tasks.field.dueDate')}>
          <input
            id={`${id}-due`}
            className="input input--date"
            type="date"
            value={values.dueDate}
            onChange={(e) => {
              set({ dueDate: e.target.value });
            }}
          />
        </Field>
        <Field id={`${id}-priority`} label={t('tasks.field.priority')}>
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
        </Field>
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
      <Field id={`${id}-reason`} label={t('tasks.form.reason')}>
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
      </Field>
      <FormProblem problem={problem} />
      <FormButtons busy={busy} label={t('tasks.form.confirmCancel')} onCancel={onClose} testId="cancel-submit" />
    </form>
  );
}
