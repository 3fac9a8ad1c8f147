import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /assets — placeholder until the assets module is built. */
export function AssetsPage() {
  const { t } = useI18n();
  return <ComingSoon icon="assets" title={t('nav.assets')} description={t('module.assets.description')} />;
}
