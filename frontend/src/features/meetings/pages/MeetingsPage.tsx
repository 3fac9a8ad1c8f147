import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /meetings — placeholder until the meetings module is built. */
export function MeetingsPage() {
  const { t } = useI18n();
  return <ComingSoon icon="meetings" title={t('nav.meetings')} description={t('module.meetings.description')} />;
}
