import { graphql } from '../../gql';

/** The viewer's notifications: the unread count in the header, the latest few, live additions. */
export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const LatestNotificationsQuery = graphql(`
  query LatestNotifications($first: Int!) {
    notifications(first: $first) {
      totalCount
      nodes {
        id
        ...NotificationList_notification
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(input: { ids: $ids }) {
      count
      unread
      errors {
        code
        message
      }
    }
  }
`);

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      title
      ...NotificationList_notification
    }
  }
`);
