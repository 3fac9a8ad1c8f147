import { describe, expect, it } from 'vitest';
import { newest } from './liveVote';

describe('newest', () => {
  it('keeps the copy with the highest version, whatever the arrival order', () => {
    const q = { version: 3, from: 'query' };
    const s = { version: 5, from: 'subscription' };
    const m = { version: 4, from: 'mutation' };
    expect(newest(q, s, m)?.from).toBe('subscription');
    expect(newest(s, q, m)?.from).toBe('subscription');
  });

  it('prefers the first of equal versions (the query stays until something newer comes)', () => {
    expect(newest({ version: 2, from: 'a' }, { version: 2, from: 'b' })?.from).toBe('a');
  });

  it('skips missing copies and is null when there is none', () => {
    expect(newest(null, undefined, { version: 1 })?.version).toBe(1);
    expect(newest(null, undefined)).toBeNull();
  });

  it('an old snapshot after a reconnect does not undo a newer state', () => {
    let current = newest(null, { version: 7, state: 'CLOSED' });
    current = newest(current, { version: 6, state: 'OPEN' });
    expect(current?.state).toBe('CLOSED');
  });
});
