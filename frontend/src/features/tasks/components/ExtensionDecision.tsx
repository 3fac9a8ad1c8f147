import { useCallback, useId, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/useI18n';
import type { MutationProblem } from '../../../lib/mutations';
import { Field } from '../../../components/form/Field';
import { FormProblem } from '../../../components/form/FormProblem';
import { useFormSubmit } from '../../../components/form/useFormSubmit';

/** The assigner's answer to a pending extension request: an optional note, approve or refuse. */
export function ExtensionDecision({
  requestId,
  onDecide,
}: {
  requestId: string;
  onDecide: (id: string, approve: boolean, note: string) => Promise<MutationProblem | null>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [note, setNote] = useState('');
  const approve = useRef(true);
  const run = useCallback(() => onDecide(requestId, approve.current, note.trim()), [onDecide, requestId, note]);
  const { busy, problem, submit } = useFormSubmit(run);
  const decide = (value: boolean) => {
    approve.current = value;
    submit();
  };
  return (
    <form
      className="decision"
      data-testid="extension-decision"
      onSubmit={(e) => {
        e.preventDefault(); // Enter in the note field decides nothing: the buttons do.
      }}
    >
      <Field id={`${id}-note`} label={t('tasks.extension.note')} className="field--grow">
        <input
          id={`${id}-note`}
          className="input"
          value={note}
          maxLength={1000}
          onChange={(e) => {
            setNote(e.target.value);
          }}
        />
      </Field>
      <div className="decision__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          data-testid="extension-approve"
          onClick={() => {
            decide(true);
          }}
        >
          {t('tasks.extension.approve')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          data-testid="extension-refuse"
          onClick={() => {
            decide(false);
          }}
        >
          {t('tasks.extension.refuse')}
        </button>
      </div>
      <FormProblem problem={problem} />
    </form>
  );
}
