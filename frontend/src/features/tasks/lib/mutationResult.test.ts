import { describe, expect, it } from 'vitest';
import { mutationProblem } from './mutationResult';

describe('mutationProblem', () => {
  it('is nothing when the payload has no errors', () => {
    expect(mutationProblem({ data: {} }, { errors: [] })).toBeNull();
  });

  it('shows the server’s UserError messages and names the field', () => {
    expect(
      mutationProblem({ data: {} }, { errors: [{ message: 'Tiến độ không được giảm', field: ['input', 'progress'] }] }),
    ).toEqual({ kind: 'user', message: 'Tiến độ không được giảm', field: 'progress' });
  });

  it('maps a transport or GraphQL error to its generic message', () => {
    const forbidden = { graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] };
    expect(mutationProblem({ error: forbidden }, null)).toEqual({ kind: 'error', key: 'error.forbidden' });
    expect(mutationProblem({ data: null }, null)).toEqual({ kind: 'error', key: 'error.unknown' });
  });
});
