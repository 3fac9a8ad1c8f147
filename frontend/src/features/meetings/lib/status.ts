import type { ParticipantRole } from '../../../gql/graphql';

/** Participants with these roles vote (and give positions before the session). */
export function isVotingRole(role: ParticipantRole | null | undefined): boolean {
  return role === 'CHAIR' || role === 'MEMBER';
}
