/** What the secretariat may do next with a meeting, mirroring the server's transitions. */
export type MeetingStatusName = 'DRAFT' | 'SCHEDULED' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';

const TRANSITIONS: Readonly<Record<MeetingStatusName, readonly MeetingStatusName[]>> = {
  DRAFT: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['IN_PROGRESS', 'DRAFT', 'CANCELLED'],
  IN_PROGRESS: ['CLOSED'],
  CLOSED: [],
  CANCELLED: [],
};

export function nextStatuses(status: MeetingStatusName): readonly MeetingStatusName[] {
  return TRANSITIONS[status];
}

export function isEditable(status: MeetingStatusName): boolean {
  return status !== 'CLOSED' && status !== 'CANCELLED';
}

/** Participants with these roles vote (and give positions before the session). */
export function isVotingRole(role: string | null | undefined): boolean {
  return role === 'CHAIR' || role === 'MEMBER';
}

/** Roles that may change a meeting itself (status, details, participants, agenda). */
export function canAdminister(roles: readonly string[] | null | undefined): boolean {
  return !!roles && (roles.includes('SECRETARY') || roles.includes('ADMIN'));
}
