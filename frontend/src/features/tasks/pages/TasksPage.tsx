import { useI18n } from '../../../app/i18n/useI18n';
import { ComingSoon } from '../../../components/ComingSoon';

/** /tasks — placeholder until the tasks module is built. */
export function TasksPage() {
  const { t } = useI18n();
  return <ComingSoon icon="tasks" title={t('nav.tasks')} description={t('module.tasks.description')} />;
}
