import './form.css';
import { useI18n } from '../../app/i18n/useI18n';
import type { MutationProblem } from '../../lib/mutations';
import { problemMessages } from '../../lib/mutations';
import { Icon } from '../Icon';

/**
 * Why the last change did nothing, for every form and page: the server's own words (its
 * UserErrors, or the message of a FORBIDDEN refusal), else the generic message of the request
 * error and, for an internal error, the request id to quote. `onDismiss` adds a close button.
 */
export function FormProblem({ problem, onDismiss }: { problem: MutationProblem | null; onDismiss?: () => void }) {
  const { t } = useI18n();
  if (!problem) return null;
  const messages = problemMessages(problem, t);
  const requestId = problem.kind === 'request' ? problem.requestId : null;
  return (
    <div
      className="notice notice--danger form-problem"
      role="alert"
      data-testid="form-problem"
      data-problem={problem.kind === 'refused' ? (problem.reason ?? 'FORBIDDEN') : problem.kind}
    >
      <Icon name="alert" className="notice__icon" />
      <div className="notice__body">
        {messages.map((m) => (
          <p key={m} className="notice__title">
            {m}
          </p>
        ))}
        {requestId ? <p className="notice__meta">{t('error.requestId', { id: requestId })}</p> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="button button--secondary" onClick={onDismiss} aria-label={t('common.dismiss')}>
          <Icon name="close" />
        </button>
      ) : null}
    </div>
  );
}
