import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /treaties — placeholder until the treaties module is built. */
export function TreatiesPage() {
  const { t } = useI18n();
  return <ComingSoon icon="treaties" title={t('nav.treaties')} description={t('module.treaties.description')} />;
}
