import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /hr — placeholder until the hr module is built. */
export function HrPage() {
  const { t } = useI18n();
  return <ComingSoon icon="hr" title={t('nav.hr')} description={t('module.hr.description')} />;
}
