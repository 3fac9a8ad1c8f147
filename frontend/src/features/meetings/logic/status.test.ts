import { describe, expect, it } from 'vitest';
import { canAdminister, isEditable, isVotingRole, nextStatuses } from './status';

describe('meeting status', () => {
  it('follows DRAFT → SCHEDULED → IN_PROGRESS → CLOSED, or CANCELLED', () => {
    expect(nextStatuses('DRAFT')).toEqual(['SCHEDULED', 'CANCELLED']);
    expect(nextStatuses('SCHEDULED')).toContain('IN_PROGRESS');
    expect(nextStatuses('IN_PROGRESS')).toEqual(['CLOSED']);
    expect(nextStatuses('CLOSED')).toEqual([]);
  });

  it('closed and cancelled meetings are not editable', () => {
    expect(isEditable('IN_PROGRESS')).toBe(true);
    expect(isEditable('CLOSED')).toBe(false);
    expect(isEditable('CANCELLED')).toBe(false);
  });

  it('chair and members vote; the secretariat role administers', () => {
    expect(isVotingRole('CHAIR')).toBe(true);
    expect(isVotingRole('SECRETARY')).toBe(false);
    expect(canAdminister(['CABINET_MEMBER'])).toBe(false);
    expect(canAdminister(['SECRETARY'])).toBe(true);
    expect(canAdminister(null)).toBe(false);
  });
});
