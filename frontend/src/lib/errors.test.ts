import { describe, expect, it } from 'vitest';
import { classifyError, errorKinds, kindFromStatus, messageKeyFor, requestIdOf } from './errors';

const gql = (...codes: string[]) => ({ graphQLErrors: codes.map((code) => ({ message: code, extensions: { code } })) });

describe('classifyError', () => {
  it('maps every contract error code', () => {
    expect(classifyError(gql('UNAUTHENTICATED'))).toBe('unauthenticated');
    expect(classifyError(gql('FORBIDDEN'))).toBe('forbidden');
    expect(classifyError(gql('NOT_FOUND'))).toBe('notFound');
    expect(classifyError(gql('BAD_USER_INPUT'))).toBe('badInput');
    expect(classifyError(gql('QUERY_TOO_COMPLEX'))).toBe('tooComplex');
    expect(classifyError(gql('RATE_LIMITED'))).toBe('rateLimited');
    expect(classifyError(gql('INTERNAL_SERVER_ERROR'))).toBe('internal');
  });

  it('treats an unknown or missing code as unknown', () => {
    expect(classifyError(gql('SOMETHING_NEW'))).toBe('unknown');
    expect(classifyError({ graphQLErrors: [{ message: 'x' }] })).toBe('unknown');
  });

  it('maps HTTP 401 to unauthenticated and 403 to forbidden', () => {
    expect(classifyError({ networkError: new Error('401'), response: { status: 401 } })).toBe('unauthenticated');
    expect(classifyError({ networkError: new Error('403'), response: { status: 403 } })).toBe('forbidden');
  });

  it('maps a failed fetch and gateway errors to network', () => {
    expect(classifyError({ networkError: new TypeError('Failed to fetch') })).toBe('network');
    expect(classifyError({ networkError: new Error('bad gateway'), response: { status: 502 } })).toBe('network');
    expect(classifyError({ networkError: new Error('unavailable'), response: { status: 503 } })).toBe('network');
  });

  it('maps other 5xx to internal and 429 to rateLimited', () => {
    expect(classifyError({ networkError: new Error('x'), response: { status: 500 } })).toBe('internal');
    expect(kindFromStatus(429)).toBe('rateLimited');
  });

  it('puts an expired session before anything else', () => {
    expect(classifyError(gql('FORBIDDEN', 'UNAUTHENTICATED'))).toBe('unauthenticated');
    expect(errorKinds(gql('NOT_FOUND', 'FORBIDDEN'))).toEqual(['forbidden', 'notFound']);
  });

  it('returns null without an error', () => {
    expect(classifyError(null)).toBeNull();
    expect(classifyError({})).toBeNull();
  });

  it('finds the request id of an internal error', () => {
    expect(
      requestIdOf({
        graphQLErrors: [{ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } }],
      }),
    ).toBe('req-42');
    expect(requestIdOf(gql('INTERNAL_SERVER_ERROR'))).toBeNull();
  });

  it('names the locale key of each kind', () => {
    expect(messageKeyFor('forbidden')).toBe('error.forbidden');
  });
});
