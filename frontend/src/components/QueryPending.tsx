import type { ErrorLike } from '../lib/errors';
import { useI18n } from '../app/i18n/useI18n';
import { QueryError } from './QueryError';
import { Spinner } from './Spinner';

/**
 * What a page shows while its query has no data yet: the spinner while it runs, else the error
 * with a retry that asks the network again. Pages guard with
 * `if (!data && (fetching || error)) return <QueryPending … />`.
 */
export function QueryPending({
  fetching,
  error,
  retry,
  headingLevel,
}: {
  fetching: boolean;
  error?: ErrorLike;
  retry: (opts: { requestPolicy: 'network-only' }) => void;
  headingLevel?: 1 | 2;
}) {
  const { t } = useI18n();
  if (fetching || !error) return <Spinner label={t('common.loading')} />;
  return (
    <QueryError
      error={error}
      headingLevel={headingLevel}
      onRetry={() => {
        retry({ requestPolicy: 'network-only' });
      }}
    />
  );
}
