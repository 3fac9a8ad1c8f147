import { StatusPage } from '../../components/StatusPage';
import { usePageTitle } from '../../lib/usePageTitle';
import { useI18n } from '../i18n/useI18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { Brand } from '../layout/Brand';
import { LoginButton } from './LoginButton';

/** `/logged-out`: after logout, nothing happens until the user asks to log in again. */
export function LoggedOutPage() {
  const { t } = useI18n();
  usePageTitle(t('auth.loggedOutTitle'));
  return (
    <div className="standalone-shell">
      <div className="standalone-shell__bar">
        <Brand />
        <LanguageSwitch />
      </div>
      <main id="main" className="standalone">
        <StatusPage icon="logout" title={t('auth.loggedOutTitle')} actions={<LoginButton />}>
          <p>{t('auth.loggedOutBody')}</p>
        </StatusPage>
      </main>
    </div>
  );
}
