import { describe, expect, it } from 'vitest';
import { voteToShow } from './pickVote';

describe('voteToShow (projector)', () => {
  it('shows the open vote opened last', () => {
    expect(
      voteToShow([
        { id: 'a', state: 'CLOSED', closedAt: '2026-11-25T09:00:00Z' },
        { id: 'b', state: 'OPEN', openedAt: '2026-11-25T09:05:00Z' },
        { id: 'c', state: 'OPEN', openedAt: '2026-11-25T09:10:00Z' },
        { id: 'd', state: 'DRAFT' },
      ])?.id,
    ).toBe('c');
  });

  it('falls back to the vote closed last, and to nothing', () => {
    expect(
      voteToShow([
        { id: 'a', state: 'CLOSED', closedAt: '2026-11-25T09:30:00Z' },
        { id: 'b', state: 'CLOSED', closedAt: '2026-11-25T09:00:00Z' },
        { id: 'd', state: 'DRAFT' },
      ])?.id,
    ).toBe('a');
    expect(voteToShow([{ id: 'd', state: 'DRAFT' }])).toBeNull();
    expect(voteToShow([])).toBeNull();
  });
});
