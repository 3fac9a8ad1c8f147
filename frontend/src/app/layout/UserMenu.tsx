import { useId } from 'react';
import { Icon } from '../../components/Icon';
import { useDisclosure } from '../../lib/useDisclosure';
import { useI18n } from '../i18n/useI18n';

export interface UserMenuUser {
  fullName: string;
  username: string;
  unitName: string | null;
}

function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** The account button: who is signed in, and logout. A disclosure (Esc and outside click close it). */
export function UserMenu({ user, onLogout }: { user: UserMenuUser | null; onLogout: () => void }) {
  const { t } = useI18n();
  const { open, setOpen, rootRef, buttonRef } = useDisclosure();
  const panelId = useId();

  const name = user?.fullName ?? '…';
  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('user.menu', { name })}
        data-testid="user-menu-button"
        onClick={() => {
          setOpen((v) => !v);
        }}
      >
        <span className="avatar" aria-hidden="true">
          {user ? initials(user.fullName) : <Icon name="user" />}
        </span>
        <span className="user-menu__name" data-testid="header-user-name">
          {name}
        </span>
        <Icon name="chevronDown" className="user-menu__chevron" />
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        {user ? (
          <div className="user-menu__who">
            <p className="user-menu__full-name">{user.fullName}</p>
            <p className="user-menu__meta">{t('user.signedInAs', { username: user.username })}</p>
            {user.unitName ? <p className="user-menu__meta">{user.unitName}</p> : null}
          </div>
        ) : null}
        <button
          type="button"
          className="button button--secondary button--block"
          data-testid="logout-button"
          onClick={() => {
            setOpen(false);
            onLogout();
          }}
        >
          <Icon name="logout" />
          <span>{t('user.logout')}</span>
        </button>
      </div>
    </div>
  );
}
