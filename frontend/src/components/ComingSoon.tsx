import type { IconName } from './Icon';
import { useI18n } from '../app/i18n/useI18n';
import { usePageTitle } from '../lib/usePageTitle';
import { PageHeader } from './PageHeader';

/** The placeholder page of a module that is not built yet. */
export function ComingSoon({ icon, title, description }: { icon: IconName; title: string; description: string }) {
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <div className="page">
      <PageHeader icon={icon} title={title} subtitle={description} />
      <section className="card coming-soon" aria-label={t('placeholder.badge')}>
        <span className="badge badge--gold">{t('placeholder.badge')}</span>
        <p className="coming-soon__lead">{t('placeholder.comingSoon', { module: title })}</p>
        <p className="coming-soon__hint">{t('placeholder.hint')}</p>
      </section>
    </div>
  );
}
