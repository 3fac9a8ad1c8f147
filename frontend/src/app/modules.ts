import type { IconName } from '../components/Icon';
import type { MessageKey } from './i18n/messages';

/** The modules of e-Cabinet, in menu order; each mirrors a backend domain (features/<domain>). */
export interface ModuleInfo {
  key: 'meetings' | 'tasks' | 'documents' | 'hr' | 'treaties' | 'assets';
  path: `/${string}`;
  icon: IconName;
  label: MessageKey;
  description: MessageKey;
}

export const MODULES: readonly ModuleInfo[] = [
  {
    key: 'meetings',
    path: '/meetings',
    icon: 'meetings',
    label: 'nav.meetings',
    description: 'module.meetings.description',
  },
  { key: 'tasks', path: '/tasks', icon: 'tasks', label: 'nav.tasks', description: 'module.tasks.description' },
  {
    key: 'documents',
    path: '/documents',
    icon: 'documents',
    label: 'nav.documents',
    description: 'module.documents.description',
  },
  { key: 'hr', path: '/hr', icon: 'hr', label: 'nav.hr', description: 'module.hr.description' },
  {
    key: 'treaties',
    path: '/treaties',
    icon: 'treaties',
    label: 'nav.treaties',
    description: 'module.treaties.description',
  },
  { key: 'assets', path: '/assets', icon: 'assets', label: 'nav.assets', description: 'module.assets.description' },
];
