import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useI18n } from '../../../app/i18n/useI18n';
import { useDisclosure } from '../../../lib/useDisclosure';
import '../notifications.css';
import {
  LatestNotificationsQuery,
  MarkNotificationsReadMutation,
  NotificationAddedSubscription,
  UnreadNotificationCountQuery,
} from '../operations';
import { badgeText } from '../lib/subject';
import { NotificationList } from './NotificationList';

const LATEST = 10;

/**
 * The header's bell: the unread count (live through notificationAdded), and a panel with the
 * latest notifications and "mark all read". A disclosure like the user menu (Esc and an
 * outside click close it). Errors stay quiet here: the page itself reports them.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const { open, setOpen, rootRef, buttonRef } = useDisclosure();
  const [announcement, setAnnouncement] = useState('');
  const panelId = useId();

  const [countResult, reexecuteCount] = useQuery({ query: UnreadNotificationCountQuery });
  const [listResult, reexecuteList] = useQuery({
    query: LatestNotificationsQuery,
    variables: { first: LATEST },
    pause: !open,
  });
  const [live] = useSubscription({ query: NotificationAddedSubscription });
  const [marking, markRead] = useMutation(MarkNotificationsReadMutation);

  const refresh = useCallback(() => {
    reexecuteCount({ requestPolicy: 'network-only' });
    if (open) reexecuteList({ requestPolicy: 'network-only' });
  }, [reexecuteCount, reexecuteList, open]);

  // A new notification: count again, and say it to screen readers.
  const lastLiveId = useRef<string | null>(null);
  const liveNotification = live.data?.notificationAdded;
  useEffect(() => {
    if (!liveNotification || liveNotification.id === lastLiveId.current) return;
    lastLiveId.current = liveNotification.id;
    setAnnouncement(t('notifications.new', { title: liveNotification.title }));
    reexecuteCount({ requestPolicy: 'network-only' });
  }, [liveNotification, reexecuteCount, t]);

  const unread = countResult.data?.unreadNotificationCount ?? 0;
  const mark = (ids: string[] | null) => {
    void markRead({ ids }).then(() => {
      refresh();
    });
  };
  const connection = listResult.data?.notifications ?? null;

  return (
    <div className="notification-bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="notification-bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button')}
        data-testid="notification-bell"
        onClick={() => {
          setOpen((v) => !v);
        }}
      >
        <svg
          className="icon"
          viewBox="0 0 24 24"
          width="24"
          height="24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
          <path d="M10 20a2 2 0 0 0 4 0" />
        </svg>
        {unread > 0 ? (
          <span className="notification-bell__badge" data-testid="notification-count" aria-hidden="true">
            {badgeText(unread)}
          </span>
        ) : null}
      </button>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div id={panelId} className="notification-bell__panel" hidden={!open} data-testid="notification-panel">
        <div className="notification-bell__head">
          <h2 className="notification-bell__title">{t('notifications.title')}</h2>
          <button
            type="button"
            className="button button--secondary"
            disabled={unread === 0 || marking.fetching}
            data-testid="notifications-mark-all"
            onClick={() => {
              mark(null);
            }}
          >
            {t('notifications.markAllRead')}
          </button>
        </div>
        {open ? (
          connection ? (
            <NotificationList
              notifications={connection.nodes}
              onOpen={(id) => {
                setOpen(false);
                mark([id]);
              }}
            />
          ) : listResult.error ? (
            <p className="notifications__empty" role="alert">
              {t('notifications.loadFailed')}
            </p>
          ) : (
            <p className="notifications__empty">{t('common.loading')}</p>
          )
        ) : null}
      </div>
    </div>
  );
}
