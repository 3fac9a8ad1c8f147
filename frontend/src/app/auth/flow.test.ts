import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../test/memoryStorage';
import {
  CallbackError,
  allowAutomaticLogin,
  beginLogin,
  buildAuthorizeUrl,
  completeLogin,
  readPending,
  safeReturnPath,
} from './flow';
import { createCodeChallenge } from './pkce';
import { AUTH_CONFIG } from './config';
import { TokenManager } from './tokens';

describe('AUTH_CONFIG.scope', () => {
  it('asks for the scopes the SPA reads and changes, besides OpenID (the server bounds a user token by its scopes)', () => {
    const scopes = AUTH_CONFIG.scope.split(' ');
    for (const s of [
      'openid',
      'offline_access',
      'users:read',
      'meetings:read',
      'meetings:write',
      'votes:cast',
      'tasks:read',
      'tasks:write',
    ]) {
      expect(scopes).toContain(s);
    }
  });
});

describe('buildAuthorizeUrl', () => {
  it('asks for a code with PKCE S256, the SPA client and the UI language', () => {
    const url = new URL(
      buildAuthorizeUrl({ origin: 'http://127.0.0.1:8000', state: 'st', codeChallenge: 'ch', locale: 'en' }),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8000/auth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'ecabinet-spa',
      redirect_uri: 'http://127.0.0.1:8000/auth/callback',
      scope: AUTH_CONFIG.scope,
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      ui_locales: 'en',
    });
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/meetings?x=1', '/meetings?x=1'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/auth/callback?code=1', '/'],
    ['/logged-out', '/'],
    [null, '/'],
  ])('%s → %s', (input, want) => {
    expect(safeReturnPath(input)).toBe(want);
  });
});

describe('beginLogin', () => {
  it('keeps verifier, state and return path in session storage and redirects with the challenge', async () => {
    const storage = new MemoryStorage();
    const assign = vi.fn();
    await beginLogin({ locale: 'vi', returnTo: '/tasks', storage, location: { origin: 'http://h', assign } });
    const pending = readPending(storage);
    expect(pending?.returnTo).toBe('/tasks');
    expect(pending?.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const url = new URL(String(assign.mock.calls[0]?.[0]));
    expect(url.searchParams.get('state')).toBe(pending?.state);
    expect(url.searchParams.get('code_challenge')).toBe(await createCodeChallenge(pending?.verifier ?? ''));
    expect(url.searchParams.get('ui_locales')).toBe('vi');
  });
});

describe('completeLogin', () => {
  const tokenManager = (fetchImpl: typeof fetch) =>
    new TokenManager({
      tokenEndpoint: '/auth/token',
      logoutEndpoint: '/auth/logout',
      clientId: 'ecabinet-spa',
      fetch: fetchImpl,
    });

  const prepared = () => {
    const storage = new MemoryStorage();
    storage.setItem(
      'ecabinet.auth.pending',
      JSON.stringify({ verifier: 'v'.repeat(43), state: 'good', returnTo: '/hr', createdAt: 1 }),
    );
    return storage;
  };

  it('exchanges the code with the stored verifier and returns the saved path', async () => {
    const storage = prepared();
    const fetchImpl = vi.fn(async () => {
      await Promise.resolve();
      return new Response(JSON.stringify({ access_token: 'a', refresh_token: 'r', expires_in: 300 }), { status: 200 });
    });
    const tm = tokenManager(fetchImpl);
    await expect(
      completeLogin({ search: '?code=abc&state=good', tokens: tm, origin: 'http://h', storage }),
    ).resolves.toBe('/hr');
    const body = new URLSearchParams(
      (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1].body as URLSearchParams,
    );
    expect(body.get('code_verifier')).toBe('v'.repeat(43));
    expect(body.get('redirect_uri')).toBe('http://h/auth/callback');
    expect(tm.getAccessToken()).toBe('a');
    expect(readPending(storage)).toBeNull();
    tm.dispose();
  });

  it('refuses a callback whose state does not match', async () => {
    const storage = prepared();
    const fetchImpl = vi.fn();
    const err = await completeLogin({
      search: '?code=abc&state=forged',
      tokens: tokenManager(fetchImpl as unknown as typeof fetch),
      origin: 'http://h',
      storage,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallbackError);
    expect((err as CallbackError).code).toBe('stateMismatch');
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('reports an error the server sent back', async () => {
    const storage = prepared();
    const err = await completeLogin({
      search: '?error=access_denied&state=good',
      tokens: tokenManager(vi.fn() as unknown as typeof fetch),
      origin: 'http://h',
      storage,
    }).catch((e: unknown) => e);
    expect((err as CallbackError).code).toBe('denied');
  });
});

describe('allowAutomaticLogin', () => {
  it('allows three automatic logins a minute, then stops a redirect loop', () => {
    const storage = new MemoryStorage();
    expect(allowAutomaticLogin(storage, 1_000)).toBe(true);
    expect(allowAutomaticLogin(storage, 2_000)).toBe(true);
    expect(allowAutomaticLogin(storage, 3_000)).toBe(true);
    expect(allowAutomaticLogin(storage, 4_000)).toBe(false);
    expect(allowAutomaticLogin(storage, 70_000)).toBe(true);
  });
});
