import type { ErrorLike } from '../lib/errors';
import { classifyError, messageKeyFor, requestIdOf } from '../lib/errors';
import { useI18n } from '../app/i18n/useI18n';
import { ForbiddenMessage } from './ForbiddenMessage';
import { Icon } from './Icon';

/**
 * What a page shows when its query failed. Forbidden gets its own explanation; an expired
 * session is handled globally (back to login); the rest is a message with a retry button.
 */
export function QueryError({
  error,
  onRetry,
  headingLevel = 1,
}: {
  error: ErrorLike;
  onRetry?: () => void;
  headingLevel?: 1 | 2;
}) {
  const { t } = useI18n();
  const kind = classifyError(error) ?? 'unknown';
  if (kind === 'forbidden') return <ForbiddenMessage headingLevel={headingLevel} />;
  const requestId = requestIdOf(error);
  return (
    <div className="notice notice--danger" role="alert">
      <Icon name={kind === 'network' ? 'offline' : 'alert'} className="notice__icon" />
      <div className="notice__body">
        <p className="notice__title">{t(messageKeyFor(kind))}</p>
        {requestId ? <p className="notice__meta">{t('error.requestId', { id: requestId })}</p> : null}
      </div>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </div>
  );
}
