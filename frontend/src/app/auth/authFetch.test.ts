import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch } from './authFetch';
import { TokenManager } from './tokens';

function setup(responses: ((req: { headers: Headers; url: string }) => Response | Error)[]) {
  const seen: { url: string; headers: Headers }[] = [];
  const base = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    await Promise.resolve();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const req = { url, headers: new Headers(init?.headers) };
    if (url === '/auth/token') {
      const body = new URLSearchParams(init?.body as URLSearchParams);
      const n = Number((body.get('refresh_token') ?? 'rt0').slice(2)) + 1;
      return new Response(JSON.stringify({ access_token: `at${n}`, refresh_token: `rt${n}`, expires_in: 300 }), {
        status: 200,
      });
    }
    seen.push(req);
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    const r = next(req);
    if (r instanceof Error) throw r;
    return r;
  });
  const tokens = new TokenManager({
    tokenEndpoint: '/auth/token',
    logoutEndpoint: '/auth/logout',
    clientId: 'ecabinet-spa',
    fetch: base,
  });
  tokens.setTokens({ access_token: 'at1', refresh_token: 'rt1', expires_in: 300 });
  const connection = { reportFailure: vi.fn(), reportSuccess: vi.fn() };
  const f = createAuthFetch({ tokens, getLanguage: () => 'en', fetch: base, connection });
  return { f, tokens, seen, connection };
}

const ok = () => new Response('{"data":{}}', { status: 200 });

describe('createAuthFetch', () => {
  it('sends the bearer token and the language', async () => {
    const { f, seen, tokens } = setup([ok]);
    await f('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer at1');
    expect(seen[0]?.headers.get('Accept-Language')).toBe('en');
    expect(seen[0]?.headers.get('Content-Type')).toBe('application/json');
    tokens.dispose();
  });

  it('on 401 refreshes once and retries with the new token', async () => {
    const { f, seen, tokens } = setup([() => new Response('', { status: 401 }), ok]);
    const res = await f('/graphql', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(seen.map((s) => s.headers.get('Authorization'))).toEqual(['Bearer at1', 'Bearer at2']);
    expect(tokens.state).toBe('authenticated');
    tokens.dispose();
  });

  it('ends the session after a second 401', async () => {
    const { f, tokens } = setup([() => new Response('', { status: 401 }), () => new Response('', { status: 401 })]);
    const res = await f('/graphql', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(tokens.state).toBe('expired');
  });

  it('reports a failed fetch to the connection monitor and rethrows', async () => {
    const { f, connection, tokens } = setup([() => new TypeError('Failed to fetch')]);
    await expect(f('/graphql', { method: 'POST' })).rejects.toThrow('Failed to fetch');
    expect(connection.reportFailure).toHaveBeenCalledOnce();
    tokens.dispose();
  });

  it('treats a gateway error as the server being unreachable', async () => {
    const { f, connection, tokens } = setup([() => new Response('', { status: 503 })]);
    await f('/graphql', { method: 'POST' });
    expect(connection.reportFailure).toHaveBeenCalledOnce();
    expect(connection.reportSuccess).not.toHaveBeenCalled();
    tokens.dispose();
  });

  it('reports success when the server answers', async () => {
    const { f, connection, tokens } = setup([ok]);
    await f('/graphql', { method: 'POST' });
    expect(connection.reportSuccess).toHaveBeenCalledOnce();
    tokens.dispose();
  });

  it('answers 401 UNAUTHENTICATED without calling the server when there is no session', async () => {
    const { f, seen, tokens } = setup([]);
    await tokens.logout().catch(() => undefined);
    const res = await f('/graphql', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(seen.filter((r) => r.url === '/graphql')).toHaveLength(0);
  });
});
