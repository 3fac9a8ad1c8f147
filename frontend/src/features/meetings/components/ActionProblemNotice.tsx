import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';
import { classifyError, messageKeyFor, requestIdOf } from '../../../lib/errors';
import type { ActionProblem } from '../hooks/useAction';

/** Why the last action did nothing: the server's own words (UserErrors) or the request's failure. */
export function ActionProblemNotice({ problem, onDismiss }: { problem: ActionProblem | null; onDismiss?: () => void }) {
  const { t } = useI18n();
  if (!problem) return null;
  const messages =
    problem.kind === 'user'
      ? problem.errors.map((e) => e.message)
      : [t(messageKeyFor(classifyError(problem.error) ?? 'unknown'))];
  const requestId = problem.kind === 'request' ? requestIdOf(problem.error) : null;
  return (
    <div className="notice notice--danger action-problem" role="alert" data-testid="action-problem">
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
