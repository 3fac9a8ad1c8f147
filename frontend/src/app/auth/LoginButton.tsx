import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { beginLogin, resetAutomaticLogins } from './flow';

/** Starts the login round trip (used on the logged-out page and after login problems). */
export function LoginButton({ returnTo = '/' }: { returnTo?: string }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--primary"
      disabled={busy}
      data-testid="login-button"
      onClick={() => {
        setBusy(true);
        resetAutomaticLogins();
        beginLogin({ locale: language, returnTo }).catch(() => {
          setBusy(false);
        });
      }}
    >
      {t('auth.login')}
    </button>
  );
}
