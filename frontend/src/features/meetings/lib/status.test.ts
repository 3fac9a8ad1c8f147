import { describe, expect, it } from 'vitest';
import { isVotingRole } from './status';

describe('participants', () => {
  it('chair and members vote; the secretariat and guests do not', () => {
    expect(isVotingRole('CHAIR')).toBe(true);
    expect(isVotingRole('MEMBER')).toBe(true);
    expect(isVotingRole('SECRETARY')).toBe(false);
    expect(isVotingRole('GUEST')).toBe(false);
    expect(isVotingRole(null)).toBe(false);
  });
});
