import { useRouteError } from 'react-router';
import { StatusPage } from '../components/StatusPage';
import { useI18n } from './i18n/useI18n';

/** Shown when rendering a route threw: a plain message, never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  if (import.meta.env.DEV) console.error(error);
  return (
    <main id="main" className="standalone">
      <StatusPage
        icon="alert"
        tone="danger"
        title={t('error.title')}
        actions={
          <a className="button button--primary" href="/">
            {t('error.goHome')}
          </a>
        }
      >
        <p role="alert">{t('error.unknown')}</p>
      </StatusPage>
    </main>
  );
}
