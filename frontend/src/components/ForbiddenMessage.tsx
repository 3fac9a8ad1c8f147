import { Link } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { StatusPage } from './StatusPage';

/** "You do not have access": for a page or a part of one that the viewer may not see. */
export function ForbiddenMessage({ headingLevel = 1 }: { headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  return (
    <StatusPage
      icon="lock"
      tone="warning"
      title={t('error.forbiddenTitle')}
      headingLevel={headingLevel}
      actions={
        <Link className="button button--secondary" to="/">
          {t('error.goHome')}
        </Link>
      }
    >
      <p role="alert">{t('error.forbidden')}</p>
      <p>{t('error.forbiddenHint')}</p>
    </StatusPage>
  );
}
