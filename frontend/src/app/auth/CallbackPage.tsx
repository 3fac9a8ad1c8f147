import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { StatusPage } from '../../components/StatusPage';
import { Spinner } from '../../components/Spinner';
import { useI18n } from '../i18n/useI18n';
import { tokens } from '../services';
import type { CallbackErrorCode } from './flow';
import { CallbackError, completeLogin, readPending } from './flow';
import { LoginButton } from './LoginButton';
import { LanguageSwitch } from '../layout/LanguageSwitch';

// One exchange per callback URL, even when React runs effects twice (StrictMode): the code
// and the PKCE verifier can be used once only.
let pending: { search: string; promise: Promise<string> } | null = null;

function completeOnce(search: string): Promise<string> {
  if (pending?.search !== search) pending = { search, promise: completeLogin({ search, tokens }) };
  return pending.promise;
}

/** `/auth/callback`: exchanges the authorization code, then returns to where the user was. */
export function CallbackPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<CallbackErrorCode | null>(null);

  useEffect(() => {
    let active = true;
    // Back-button to an old callback URL while signed in: nothing to exchange, just go home.
    if (tokens.isAuthenticated && !readPending()) {
      void navigate('/', { replace: true });
      return;
    }
    completeOnce(window.location.search).then(
      (returnTo) => {
        if (active) void navigate(returnTo, { replace: true });
      },
      (e: unknown) => {
        if (active) setFailure(e instanceof CallbackError ? e.code : 'exchangeFailed');
      },
    );
    return () => {
      active = false;
    };
  }, [navigate]);

  return (
    <div className="standalone-shell">
      <div className="standalone-shell__bar">
        <LanguageSwitch />
      </div>
      <main id="main" className="standalone">
        {failure ? (
          <StatusPage icon="alert" tone="danger" title={t('auth.callbackFailed')} actions={<LoginButton />}>
            <p role="alert">{t(`auth.error.${failure}`)}</p>
          </StatusPage>
        ) : (
          <Spinner label={t('auth.completing')} />
        )}
      </main>
    </div>
  );
}
