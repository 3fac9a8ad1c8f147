import { NavLink } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';

/**
 * The module's own sections: the list, extension approvals, the dashboard. A navigation
 * landmark by role rather than a second <nav> element, so "nav a[href=/tasks]" keeps meaning
 * the main menu's link.
 */
export function TasksNav() {
  const { t } = useI18n();
  const links = [
    { to: '/tasks', label: t('tasks.nav.list'), end: true, id: 'list' },
    { to: '/tasks/approvals', label: t('tasks.nav.approvals'), end: false, id: 'approvals' },
    { to: '/tasks/dashboard', label: t('tasks.nav.dashboard'), end: false, id: 'dashboard' },
  ];
  return (
    <div className="subnav" role="navigation" aria-label={t('tasks.nav.label')}>
      <ul className="subnav__list">
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end} className="subnav__link" data-testid={`tasks-nav-${l.id}`}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
