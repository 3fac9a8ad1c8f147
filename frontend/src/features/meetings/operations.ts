import { graphql } from '../../gql';

/**
 * The meetings module's operations. Fragments live with the components that render them
 * (components/*.tsx, hooks/useLiveVote.ts); pages fetch with these and pass fragments down.
 */

// ---- queries --------------------------------------------------------------------------

export const MeetingsListQuery = graphql(`
  query MeetingsList($first: Int!, $after: String, $filter: MeetingFilter) {
    viewer {
      id
    }
    viewerCan {
      createMeeting
    }
    meetings(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        ...MeetingCard_meeting
      }
    }
  }
`);

export const MeetingDetailQuery = graphql(`
  query MeetingDetail($id: ID!) {
    viewer {
      id
    }
    meeting(id: $id) {
      id
      version
      title
      status
      viewerCanManage
      viewerNextStatuses
      viewerParticipant {
        id
        role
        attendance
        checkedInAt
      }
      ...MeetingHeader_meeting
      agenda {
        id
        position
        title
        status
        viewerPosition
        speakers {
          id
          status
          user {
            id
          }
        }
        ...AgendaItemCard_item
      }
      participants {
        id
        user {
          id
          fullName
        }
        ...ParticipantList_participant
      }
      votes {
        id
        state
        ...LiveVote_vote
      }
      conclusion {
        issued
        ...ConclusionView_conclusion
      }
    }
  }
`);

export const MeetingRunQuery = graphql(`
  query MeetingRun($id: ID!) {
    viewer {
      id
    }
    meeting(id: $id) {
      id
      version
      title
      status
      viewerCanManage
      viewerNextStatuses
      ...MeetingHeader_meeting
      currentAgendaItem {
        id
      }
      agenda {
        id
        position
        title
        status
        adoptedEnBloc
        positionTally {
          noObjection
          wishToSpeak
          pending
          unopposed
        }
        speakers {
          id
          status
        }
        ...AgendaItemCard_item
      }
      participants {
        id
        role
        attendance
        ...ParticipantList_participant
      }
      votes {
        id
        state
        agendaItem {
          id
        }
        ...LiveVote_vote
      }
    }
  }
`);

export const MeetingRoomQuery = graphql(`
  query MeetingRoom($id: ID!) {
    viewer {
      id
    }
    meeting(id: $id) {
      id
      version
      title
      status
      location
      startsAt
      viewerParticipant {
        id
        role
        attendance
      }
      currentAgendaItem {
        id
        position
        title
        speakers {
          id
          status
          user {
            id
          }
        }
        ...AgendaItemCard_item
      }
      votes {
        id
        state
        ...LiveVote_vote
      }
    }
  }
`);

export const MeetingScreenQuery = graphql(`
  query MeetingScreen($id: ID!) {
    meeting(id: $id) {
      id
      version
      title
      status
      currentAgendaItem {
        id
        position
        title
      }
      votes {
        id
        state
        ...LiveVote_vote
      }
    }
  }
`);

export const VoteScreenQuery = graphql(`
  query VoteScreen($id: ID!) {
    vote(id: $id) {
      id
      meeting {
        id
        title
      }
      ...LiveVote_vote
    }
  }
`);

/** What the viewer may start (Query.viewerCan): the new-meeting page asks before it shows the form. */
export const MeetingCapabilitiesQuery = graphql(`
  query MeetingCapabilities {
    viewerCan {
      createMeeting
    }
  }
`);

export const WrittenBallotsQuery = graphql(`
  query WrittenBallots($first: Int!) {
    viewer {
      id
    }
    viewerCan {
      createWrittenBallot
    }
    votes(first: $first, filter: { writtenOnly: true }) {
      totalCount
      nodes {
        id
        state
        deadline
        ...LiveVote_vote
      }
    }
  }
`);

export const MeetingEditQuery = graphql(`
  query MeetingEdit($id: ID!) {
    viewer {
      id
      roles
    }
    meeting(id: $id) {
      id
      title
      kind
      status
      startsAt
      endsAt
      location
      confidentiality
      viewerCanManage
      viewerNextStatuses
      invitedUnits {
        id
      }
      participants {
        id
        role
        user {
          id
          ...UserPicker_user
        }
      }
    }
    orgUnits {
      id
      name
    }
  }
`);

export const UserSearchQuery = graphql(`
  query UserSearch($first: Int!, $search: String) {
    users(first: $first, filter: { search: $search }) {
      nodes {
        id
        ...UserPicker_user
      }
    }
  }
`);

export const ConclusionEditQuery = graphql(`
  query ConclusionEdit($id: ID!) {
    viewer {
      id
    }
    orgUnits {
      id
      name
      shortName
    }
    meeting(id: $id) {
      id
      title
      status
      viewerCanManage
      ...MeetingHeader_meeting
      conclusion {
        number
        issuedOn
        text
        issued
        directives {
          title
          dueDate
          leadUnit {
            id
          }
          coordinatingUnits {
            id
          }
        }
        ...ConclusionView_conclusion
      }
    }
  }
`);

// ---- subscriptions --------------------------------------------------------------------

export const MeetingEventsSubscription = graphql(`
  subscription MeetingEvents($meetingId: ID!) {
    meetingEvents(meetingId: $meetingId) {
      type
      at
      version
      voteId
      agendaItemId
      userId
      status
      outcome
    }
  }
`);

export const VoteUpdatedSubscription = graphql(`
  subscription VoteUpdated($voteId: ID!) {
    voteUpdated(voteId: $voteId) {
      id
      ...LiveVote_vote
    }
  }
`);

// ---- mutations: the meeting -----------------------------------------------------------

export const CreateMeetingMutation = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      meeting {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const UpdateMeetingMutation = graphql(`
  mutation UpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const SetMeetingStatusMutation = graphql(`
  mutation SetMeetingStatus($input: SetMeetingStatusInput!) {
    setMeetingStatus(input: $input) {
      meeting {
        id
        version
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const AddParticipantMutation = graphql(`
  mutation AddParticipant($input: AddParticipantInput!) {
    addParticipant(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const RemoveParticipantMutation = graphql(`
  mutation RemoveParticipant($input: RemoveParticipantInput!) {
    removeParticipant(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const ChangeParticipantRoleMutation = graphql(`
  mutation ChangeParticipantRole($input: ChangeParticipantRoleInput!) {
    changeParticipantRole(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const SetAttendanceMutation = graphql(`
  mutation SetAttendance($input: SetAttendanceInput!) {
    setAttendance(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const RespondToInvitationMutation = graphql(`
  mutation RespondToInvitation($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) {
      meeting {
        id
        version
        viewerParticipant {
          id
          attendance
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const CheckInMutation = graphql(`
  mutation CheckIn($meetingId: ID!) {
    checkIn(meetingId: $meetingId) {
      meeting {
        id
        version
        viewerParticipant {
          id
          attendance
          checkedInAt
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

// ---- mutations: the agenda ------------------------------------------------------------

export const AddAgendaItemMutation = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      agendaItem {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const UpdateAgendaItemMutation = graphql(`
  mutation UpdateAgendaItem($input: UpdateAgendaItemInput!) {
    updateAgendaItem(input: $input) {
      agendaItem {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const RemoveAgendaItemMutation = graphql(`
  mutation RemoveAgendaItem($id: ID!) {
    removeAgendaItem(id: $id) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const MoveAgendaItemMutation = graphql(`
  mutation MoveAgendaItem($input: MoveAgendaItemInput!) {
    moveAgendaItem(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const StartAgendaItemMutation = graphql(`
  mutation StartAgendaItem($id: ID!) {
    startAgendaItem(id: $id) {
      agendaItem {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const FinishAgendaItemMutation = graphql(`
  mutation FinishAgendaItem($id: ID!) {
    finishAgendaItem(id: $id) {
      agendaItem {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const SetItemPositionMutation = graphql(`
  mutation SetItemPosition($input: SetItemPositionInput!) {
    setItemPosition(input: $input) {
      agendaItem {
        id
        viewerPosition
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const AdoptEnBlocMutation = graphql(`
  mutation AdoptEnBloc($input: AdoptEnBlocInput!) {
    adoptEnBloc(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const AttachDocumentMutation = graphql(`
  mutation AttachDocument($input: AttachDocumentInput!) {
    attachDocument(input: $input) {
      file {
        id
        name
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

// ---- mutations: speakers --------------------------------------------------------------

export const RequestToSpeakMutation = graphql(`
  mutation RequestToSpeak($agendaItemId: ID!) {
    requestToSpeak(agendaItemId: $agendaItemId) {
      speakerRequest {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const WithdrawSpeakerRequestMutation = graphql(`
  mutation WithdrawSpeakerRequest($id: ID!) {
    withdrawSpeakerRequest(id: $id) {
      speakerRequest {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const StartSpeakerMutation = graphql(`
  mutation StartSpeaker($id: ID!) {
    startSpeaker(id: $id) {
      speakerRequest {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const FinishSpeakerMutation = graphql(`
  mutation FinishSpeaker($id: ID!) {
    finishSpeaker(id: $id) {
      speakerRequest {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

// ---- mutations: votes -----------------------------------------------------------------

export const CreateVoteMutation = graphql(`
  mutation CreateVote($input: CreateVoteInput!) {
    createVote(input: $input) {
      vote {
        id
        ...LiveVote_vote
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const OpenVoteMutation = graphql(`
  mutation OpenVote($id: ID!) {
    openVote(id: $id) {
      vote {
        id
        ...LiveVote_vote
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const CastBallotMutation = graphql(`
  mutation CastBallot($input: CastBallotInput!) {
    castBallot(input: $input) {
      vote {
        id
        ...LiveVote_vote
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const CloseVoteMutation = graphql(`
  mutation CloseVote($id: ID!) {
    closeVote(id: $id) {
      vote {
        id
        ...LiveVote_vote
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

// ---- mutations: the conclusion --------------------------------------------------------

export const SaveConclusionMutation = graphql(`
  mutation SaveConclusion($input: SaveConclusionInput!) {
    saveConclusion(input: $input) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const IssueConclusionMutation = graphql(`
  mutation IssueConclusion($meetingId: ID!) {
    issueConclusion(meetingId: $meetingId) {
      meeting {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export const VoteRecordQuery = graphql(`
  query VoteRecord($id: ID!) {
    vote(id: $id) {
      id
      csv: resultsUrl(format: CSV)
      sheet: resultsUrl(format: HTML)
      ballots {
        voter {
          id
          fullName
        }
        option {
          id
          label
        }
        castAt
      }
    }
  }
`);

export const OrgUnitsQuery = graphql(`
  query MeetingOrgUnits {
    orgUnits {
      id
      name
      shortName
    }
  }
`);
