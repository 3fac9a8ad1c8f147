import { useSyncExternalStore } from 'react';
import { Icon } from '../../components/Icon';
import { useI18n } from '../i18n/useI18n';
import { connection } from '../services';

const subscribe = (listener: () => void) => connection.subscribe(listener);
const getState = () => connection.state;

/** "Reconnecting…" while the server cannot be reached; disappears by itself when it can. */
export function ConnectionBanner() {
  const { t } = useI18n();
  const state = useSyncExternalStore(subscribe, getState, getState);
  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {state === 'reconnecting' ? (
        <div className="connection-banner" data-testid="reconnecting-banner">
          <Icon name="offline" />
          <span className="connection-banner__text">{t('connection.reconnecting')}</span>
          <button
            type="button"
            className="connection-banner__retry"
            onClick={() => {
              connection.probeNow();
            }}
          >
            {t('connection.retryNow')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
