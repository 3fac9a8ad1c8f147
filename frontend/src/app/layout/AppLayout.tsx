import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { ViewerQuery } from '../../features/org/operations';
import { NotificationBell } from '../../features/notifications/components/NotificationBell';
import { Icon } from '../../components/Icon';
import { useI18n } from '../i18n/useI18n';
import { tokens } from '../services';
import { Brand } from './Brand';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { UserMenu } from './UserMenu';

const NAV_ID = 'main-nav';

/** The authenticated shell: skip link, header (brand, menu, language, account), navigation, main. */
export function AppLayout() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(location.pathname);
  const [{ data }] = useQuery({ query: ViewerQuery });
  const viewer = data?.viewer ?? null;

  // After a client-side navigation, move focus to the new content (as a page load would).
  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);

  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setNavOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [navOpen]);

  const logout = () => {
    void tokens.logout().then(() => navigate('/logged-out', { replace: true }));
  };

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <div className="app-header__inner">
            <button
              type="button"
              className="menu-button"
              aria-expanded={navOpen}
              aria-controls={NAV_ID}
              aria-label={navOpen ? t('nav.closeMenu') : t('nav.openMenu')}
              data-testid="menu-button"
              onClick={() => {
                setNavOpen((v) => !v);
              }}
            >
              <Icon name={navOpen ? 'close' : 'menu'} />
              <span className="menu-button__label">{t('nav.menu')}</span>
            </button>
            <Brand linked />
            <div className="app-header__tools">
              <NotificationBell />
              <LanguageSwitch />
              <UserMenu
                user={
                  viewer
                    ? { fullName: viewer.fullName, username: viewer.username, unitName: viewer.unit?.name ?? null }
                    : null
                }
                onLogout={logout}
              />
            </div>
          </div>
        </div>
        <MainNav
          id={NAV_ID}
          open={navOpen}
          onNavigate={() => {
            setNavOpen(false);
          }}
        />
      </header>
      <ConnectionBanner />
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
