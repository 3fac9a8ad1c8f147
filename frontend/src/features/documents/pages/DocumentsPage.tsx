import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /documents — placeholder until the documents module is built. */
export function DocumentsPage() {
  const { t } = useI18n();
  return <ComingSoon icon="documents" title={t('nav.documents')} description={t('module.documents.description')} />;
}
