import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useI18n';
import type { FragmentType } from '../../../gql';
import { getFragmentData, graphql } from '../../../gql';
import { notificationHref } from '../lib/subject';

export const NotificationListFragment = graphql(`
  fragment NotificationList_notification on Notification {
    id
    kind
    title
    body
    subjectId
    createdAt
    readAt
  }
`);

/** The latest notifications, unread ones marked; following one marks it read. */
export function NotificationList(props: {
  notifications: readonly FragmentType<typeof NotificationListFragment>[];
  onOpen: (id: string) => void;
}) {
  const { t, tDynamic, formatDateTime } = useI18n();
  const items = props.notifications.map((n) => getFragmentData(NotificationListFragment, n));
  if (items.length === 0)
    return (
      <p className="notifications__empty" data-testid="notifications-empty">
        {t('notifications.empty')}
      </p>
    );
  return (
    <ul className="notifications__list" data-testid="notifications-list">
      {items.map((n) => {
        const href = notificationHref(n.kind, n.subjectId);
        const unread = !n.readAt;
        const content = (
          <>
            <span className="notification__kind">{tDynamic(`notifications.kind.${n.kind}`, n.kind)}</span>
            <span className="notification__title">{n.title}</span>
            {n.body ? <span className="notification__body">{n.body}</span> : null}
            <span className="notification__time">
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              {unread ? <span className="visually-hidden"> · {t('notifications.unread')}</span> : null}
            </span>
          </>
        );
        return (
          <li
            key={n.id}
            className={unread ? 'notification notification--unread' : 'notification'}
            data-testid="notification"
          >
            {href ? (
              <Link
                className="notification__link"
                to={href}
                onClick={() => {
                  props.onOpen(n.id);
                }}
              >
                {content}
              </Link>
            ) : (
              <div className="notification__link">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
