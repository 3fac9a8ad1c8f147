import { graphql } from '../../gql';

/** The signed-in user: shown in the header's user menu and on the home page. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      username
      fullName
      position
      unit {
        id
        name
      }
      roles
      ...ViewerCard_user
    }
  }
`);

/** The viewer's own record, live: a change (new position, unit, roles) shows without reloading. */
export const ViewerUpdatedSubscription = graphql(`
  subscription ViewerUpdated($id: ID!) {
    userUpdated(id: $id) {
      id
      fullName
      unit {
        id
        name
      }
      ...ViewerCard_user
    }
  }
`);
