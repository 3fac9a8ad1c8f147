import { NavLink } from 'react-router';
import { Icon } from '../../components/Icon';
import { useI18n } from '../i18n/useI18n';
import { MODULES } from '../modules';

/** The module navigation: a bar on wide screens, a panel behind the menu button on narrow ones. */
export function MainNav({ id, open, onNavigate }: { id: string; open: boolean; onNavigate: () => void }) {
  const { t } = useI18n();
  return (
    <nav id={id} className={open ? 'main-nav main-nav--open' : 'main-nav'} aria-label={t('nav.label')}>
      <ul className="main-nav__list">
        <li>
          <NavLink to="/" end className="main-nav__link" onClick={onNavigate}>
            <Icon name="home" />
            <span>{t('nav.home')}</span>
          </NavLink>
        </li>
        {MODULES.map((m) => (
          <li key={m.key}>
            <NavLink to={m.path} className="main-nav__link" onClick={onNavigate} data-testid={`nav-${m.key}`}>
              <Icon name={m.icon} />
              <span>{t(m.label)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
