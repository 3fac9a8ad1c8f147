import { Link } from 'react-router';
import { Icon } from '../../components/Icon';
import { useI18n } from '../i18n/useI18n';

export function Brand({ linked = false }: { linked?: boolean }) {
  const { t } = useI18n();
  const content = (
    <>
      <span className="brand__mark">
        <Icon name="star" />
      </span>
      <span className="brand__text">
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </span>
    </>
  );
  return linked ? (
    <Link className="brand" to="/" aria-label={`${t('app.name')} — ${t('nav.home')}`}>
      {content}
    </Link>
  ) : (
    <span className="brand">{content}</span>
  );
}
