import type { TokenManager } from './tokens';
import { TokenError } from './tokens';

/**
 * `fetch` for API requests: adds `Authorization: Bearer <access token>` (refreshed first when
 * it is about to expire) and `Accept-Language`, reports reachability to the connection
 * monitor, and on HTTP 401 refreshes once and retries; a second 401 ends the session.
 */
export interface AuthFetchOptions {
  tokens: TokenManager;
  getLanguage: () => string;
  fetch?: typeof fetch;
  connection?: { reportFailure(): void; reportSuccess(): void };
}

const GATEWAY_DOWN = new Set([502, 503, 504]);

function unauthenticatedResponse(): Response {
  return new Response(
    JSON.stringify({ errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] }),
    { status: 401, headers: { 'Content-Type': 'application/json' } },
  );
}

export function createAuthFetch(options: AuthFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { tokens, connection } = options;

  const tokenOrNetworkError = async (): Promise<string | null> => {
    try {
      return await tokens.getValidAccessToken();
    } catch (e) {
      if (e instanceof TokenError && e.kind === 'network') {
        connection?.reportFailure();
        throw new TypeError('Failed to fetch (token refresh could not reach the server)', { cause: e });
      }
      throw e;
    }
  };

  const send = async (input: RequestInfo | URL, init: RequestInit | undefined, token: string) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept-Language', options.getLanguage());
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, headers, credentials: 'same-origin' });
    } catch (e) {
      connection?.reportFailure();
      throw e;
    }
    if (GATEWAY_DOWN.has(response.status)) connection?.reportFailure();
    else connection?.reportSuccess();
    return response;
  };

  return async (input, init) => {
    const token = await tokenOrNetworkError();
    if (token === null) {
      tokens.expire();
      return unauthenticatedResponse();
    }
    const first = await send(input, init, token);
    if (first.status !== 401) return first;
    // The token may have been revoked or the clock may be off: one refresh, one retry.
    tokens.invalidateAccessToken();
    const again = await tokenOrNetworkError();
    if (again === null || again === token) {
      tokens.expire();
      return first;
    }
    const second = await send(input, init, again);
    if (second.status === 401) tokens.expire();
    return second;
  };
}
