import { Link } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { usePageTitle } from '../lib/usePageTitle';
import { StatusPage } from './StatusPage';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <StatusPage
      icon="alert"
      title={t('notFound.title')}
      actions={
        <Link className="button button--primary" to="/">
          {t('error.goHome')}
        </Link>
      }
    >
      <p>{t('notFound.body')}</p>
    </StatusPage>
  );
}
