import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ConnectionBanner } from '../../../app/layout/ConnectionBanner';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { useI18n } from '../../../app/i18n/useI18n';
import { Icon } from '../../../components/Icon';

/**
 * The full-screen frame of the meeting room (tablets) and the projector: no module
 * navigation, a way back, the language switch and the reconnecting banner.
 */
export function LiveShell(props: {
  variant: 'room' | 'projector';
  backTo: string;
  title?: string | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={`live-shell live-shell--${props.variant}`}>
      <header className="live-shell__bar">
        <Link className="live-shell__back" to={props.backTo} data-testid="live-back">
          <Icon name="back" />
          <span>{t('meetings.room.back')}</span>
        </Link>
        <p className="live-shell__title">{props.title ?? t('app.name')}</p>
        <LanguageSwitch />
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1} className="live-shell__main">
        {props.children}
      </main>
    </div>
  );
}
