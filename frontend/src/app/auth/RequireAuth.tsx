import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '../../components/Spinner';
import { StatusPage } from '../../components/StatusPage';
import { useI18n } from '../i18n/useI18n';
import { startAutomaticLogin } from './flow';
import { LoginButton } from './LoginButton';
import { useSessionState } from './useSession';

/**
 * Renders its children with a session; without one (first visit, reload, expired session)
 * it leaves for the login page at once, unless that keeps happening (a redirect loop).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  const { t, language } = useI18n();
  const [looping, setLooping] = useState(false);
  const needsLogin = state === 'anonymous' || state === 'expired';
  const returnTo = `${location.pathname}${location.search}${location.hash}`;

  useEffect(() => {
    if (!needsLogin) return;
    let active = true;
    startAutomaticLogin({ locale: language, returnTo }).then(
      (started) => {
        if (active && !started) setLooping(true);
      },
      () => {
        if (active) setLooping(true);
      },
    );
    return () => {
      active = false;
    };
    // Only a change of session state starts a login; language or path changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsLogin]);

  if (state === 'authenticated') return <>{children}</>;
  if (state === 'loggedOut') return <Navigate to="/logged-out" replace />;
  if (looping)
    return (
      <main id="main" className="standalone">
        <StatusPage
          icon="alert"
          tone="warning"
          title={t('auth.loopTitle')}
          actions={<LoginButton returnTo={returnTo} />}
        >
          <p>{t('auth.loopBody')}</p>
        </StatusPage>
      </main>
    );
  return (
    <main id="main" className="standalone">
      <Spinner label={t('auth.redirecting')} />
    </main>
  );
}
