import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base64UrlEncode } from './pkce';
import type { TokenResponse } from './tokens';
import { TokenError, TokenManager, jwtExpiry } from './tokens';

interface Call {
  url: string;
  fields: Record<string, string>;
  headers: Headers;
}

type Reply = TokenResponse | { status: number; body?: unknown } | Error;

/** A fetch that records form posts and answers from a queue (or a function). */
function mockFetch(replies: Reply[] | ((call: Call) => Reply | Promise<Reply>)) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    await Promise.resolve();
    const call: Call = {
      url: input instanceof Request ? input.url : input instanceof URL ? input.href : input,
      fields: Object.fromEntries(new URLSearchParams(init?.body as URLSearchParams)),
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    const reply = typeof replies === 'function' ? await replies(call) : replies.shift();
    if (!reply) throw new Error('unexpected fetch');
    if (reply instanceof Error) throw reply;
    if ('status' in reply) return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status });
    return new Response(JSON.stringify(reply), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

function manager(fetchImpl: typeof fetch, extra: Partial<ConstructorParameters<typeof TokenManager>[0]> = {}) {
  return new TokenManager({
    tokenEndpoint: '/auth/token',
    logoutEndpoint: '/auth/logout',
    clientId: 'ecabinet-spa',
    fetch: fetchImpl,
    retryDelay: () => 1000,
    ...extra,
  });
}

const grant = (n: number, expiresIn = 100): TokenResponse => ({
  access_token: `at${n}`,
  refresh_token: `rt${n}`,
  expires_in: expiresIn,
  token_type: 'Bearer',
  id_token: `id${n}`,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TokenManager: code exchange', () => {
  it('posts the code, verifier, redirect URI and client id as a form', async () => {
    const { fetch, calls } = mockFetch([grant(1)]);
    const tm = manager(fetch);
    await tm.exchangeCode({ code: 'c0de', codeVerifier: 'v'.repeat(43), redirectUri: 'http://x/auth/callback' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/auth/token');
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(calls[0]?.fields).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'http://x/auth/callback',
      client_id: 'ecabinet-spa',
      code_verifier: 'v'.repeat(43),
    });
    expect(tm.state).toBe('authenticated');
    expect(tm.getAccessToken()).toBe('at1');
    expect(tm.idToken).toBe('id1');
  });

  it('fails with a refused TokenError when the server rejects the code', async () => {
    const { fetch } = mockFetch([{ status: 400, body: { error: 'invalid_grant' } }]);
    const tm = manager(fetch);
    const err = await tm
      .exchangeCode({ code: 'bad', codeVerifier: 'v'.repeat(43), redirectUri: 'r' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect((err as TokenError).kind).toBe('refused');
    expect((err as TokenError).oauthError).toBe('invalid_grant');
    expect(tm.isAuthenticated).toBe(false);
  });

  it('rejects a token response without an access token', async () => {
    const { fetch } = mockFetch([{ refresh_token: 'x' } as unknown as TokenResponse]);
    const tm = manager(fetch);
    await expect(tm.exchangeCode({ code: 'c', codeVerifier: 'v', redirectUri: 'r' })).rejects.toThrow(/access_token/);
  });
});

describe('TokenManager: silent refresh', () => {
  it('refreshes at 80 % of expires_in, not before', async () => {
    const { fetch, calls } = mockFetch([grant(2)]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await vi.advanceTimersByTimeAsync(79_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.fields).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt1', client_id: 'ecabinet-spa' });
    expect(tm.getAccessToken()).toBe('at2');
  });

  it('uses each rotated refresh token once and never an old one again', async () => {
    const { fetch, calls } = mockFetch([grant(2), grant(3), grant(4)]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await vi.advanceTimersByTimeAsync(80_000 * 3 + 10);
    expect(calls.map((c) => c.fields.refresh_token)).toEqual(['rt1', 'rt2', 'rt3']);
    expect(tm.getAccessToken()).toBe('at4');
  });

  it('serialises concurrent refreshes into one request', async () => {
    let release: (r: Reply) => void = () => undefined;
    const { fetch, calls } = mockFetch(() => new Promise<Reply>((resolve) => (release = resolve)));
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    const all = Promise.all([tm.refresh(), tm.refresh(), tm.refresh()]);
    await vi.advanceTimersByTimeAsync(0);
    release(grant(2));
    await expect(all).resolves.toEqual(['at2', 'at2', 'at2']);
    expect(calls).toHaveLength(1);
  });

  it('serialises a timer refresh with a caller that needs a fresh token', async () => {
    let release: (r: Reply) => void = () => undefined;
    const { fetch, calls } = mockFetch(() => new Promise<Reply>((resolve) => (release = resolve)));
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await vi.advanceTimersByTimeAsync(80_000); // the timer's refresh is now in flight
    vi.setSystemTime(Date.now() + 19_000); // and the access token is about to expire
    const waiting = tm.getValidAccessToken();
    release(grant(2));
    await expect(waiting).resolves.toBe('at2');
    expect(calls).toHaveLength(1);
  });

  it('returns the current token while it is fresh', async () => {
    const { fetch, calls } = mockFetch([]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 600));
    await expect(tm.getValidAccessToken()).resolves.toBe('at1');
    expect(calls).toHaveLength(0);
  });

  it('refreshes first when the token is about to expire (timer delayed by a sleeping tablet)', async () => {
    const { fetch, calls } = mockFetch([grant(2)]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 600));
    vi.setSystemTime(Date.now() + 590_000); // the clock moved, the timer did not fire
    await expect(tm.getValidAccessToken()).resolves.toBe('at2');
    expect(calls).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { fetch } = mockFetch([{ status: 400, body: { error: 'invalid_grant' } }]);
    const tm = manager(fetch);
    const seen: string[] = [];
    tm.subscribe(() => seen.push(tm.state));
    tm.setTokens(grant(1, 100));
    await expect(tm.refresh()).rejects.toMatchObject({ kind: 'refused' });
    expect(tm.state).toBe('expired');
    expect(tm.getAccessToken()).toBeNull();
    expect(seen).toEqual(['authenticated', 'expired']);
  });

  it('getValidAccessToken returns null (no throw) when the refresh is refused', async () => {
    const { fetch } = mockFetch([{ status: 401, body: { error: 'invalid_client' } }]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    vi.setSystemTime(Date.now() + 100_000);
    await expect(tm.getValidAccessToken()).resolves.toBeNull();
    expect(tm.state).toBe('expired');
  });

  it('keeps the session and retries with back-off when the network is down', async () => {
    const { fetch, calls } = mockFetch([new TypeError('Failed to fetch'), { status: 503 }, grant(2)]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await vi.advanceTimersByTimeAsync(80_000);
    expect(calls).toHaveLength(1);
    expect(tm.state).toBe('authenticated');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.fields.refresh_token)).toEqual(['rt1', 'rt1', 'rt1']);
    expect(tm.getAccessToken()).toBe('at2');
  });

  it('reports a network failure to a caller as TokenError network', async () => {
    const { fetch } = mockFetch([new TypeError('Failed to fetch')]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    vi.setSystemTime(Date.now() + 99_000);
    await expect(tm.getValidAccessToken()).rejects.toMatchObject({ kind: 'network' });
    expect(tm.isAuthenticated).toBe(true);
  });

  it('invalidateAccessToken makes the next use refresh', async () => {
    const { fetch } = mockFetch([grant(2)]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 600));
    tm.invalidateAccessToken();
    await expect(tm.getValidAccessToken()).resolves.toBe('at2');
  });

  it('falls back to the JWT exp claim when expires_in is missing', () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const payload = base64UrlEncode(new TextEncoder().encode(JSON.stringify({ exp: nowSec + 200 })));
    const jwt = `eyJhbGciOiJub25lIn0.${payload}.sig`;
    expect(jwtExpiry(jwt)).toBe(nowSec + 200);
    const tm = manager(mockFetch([]).fetch);
    tm.setTokens({ access_token: jwt, refresh_token: 'r' });
    expect(tm.expiresAt).toBe((nowSec + 200) * 1000);
  });
});

describe('TokenManager: logout', () => {
  it('posts the refresh token and client id, and drops the tokens', async () => {
    const { fetch, calls } = mockFetch([{ status: 200, body: {} }]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await tm.logout();
    expect(calls[0]?.url).toBe('/auth/logout');
    expect(calls[0]?.fields).toMatchObject({ client_id: 'ecabinet-spa', refresh_token: 'rt1', token: 'rt1' });
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer at1');
    expect(tm.state).toBe('loggedOut');
    expect(tm.getAccessToken()).toBeNull();
  });

  it('stops the refresh timer', async () => {
    const { fetch, calls } = mockFetch([{ status: 200, body: {} }]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await tm.logout();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(calls).toHaveLength(1);
  });

  it('does not let a refresh that was in flight bring the session back', async () => {
    let release: (r: Reply) => void = () => undefined;
    const { fetch } = mockFetch((call) =>
      call.url === '/auth/logout' ? { status: 200 } : new Promise<Reply>((resolve) => (release = resolve)),
    );
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    const refreshing = tm.refresh();
    await vi.advanceTimersByTimeAsync(0);
    await tm.logout();
    release(grant(2));
    await expect(refreshing).rejects.toMatchObject({ kind: 'noSession' });
    expect(tm.state).toBe('loggedOut');
    expect(tm.getAccessToken()).toBeNull();
  });

  it('still logs out locally when the server cannot be reached', async () => {
    const { fetch } = mockFetch([new TypeError('Failed to fetch')]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await tm.logout();
    expect(tm.state).toBe('loggedOut');
  });

  it('expire() after logout keeps the logged-out state', async () => {
    const { fetch } = mockFetch([{ status: 200 }]);
    const tm = manager(fetch);
    tm.setTokens(grant(1, 100));
    await tm.logout();
    tm.expire();
    expect(tm.state).toBe('loggedOut');
  });
});
