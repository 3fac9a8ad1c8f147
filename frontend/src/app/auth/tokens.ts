import { backoffDelay } from '../../lib/backoff';
import { base64UrlDecodeToString } from './pkce';

/**
 * The session's tokens, kept in memory only (never in localStorage or sessionStorage):
 * a reload loses them and the app logs in again.
 *
 * - Refreshes silently at `refreshRatio` (80 %) of the access token's lifetime.
 * - Refresh tokens rotate: every refresh response carries a new one, and the old one is never
 *   sent again. Concurrent refreshes are serialised into one request.
 * - A refused refresh (400/401, e.g. `invalid_grant`) ends the session (state `expired`).
 *   A network failure keeps the refresh token (the server may not have seen the request)
 *   and retries with back-off.
 *
 * No React here: the UI subscribes to state changes.
 */

export interface TokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

export type SessionState = 'anonymous' | 'authenticated' | 'expired' | 'loggedOut';

export type TokenErrorKind = 'refused' | 'network' | 'server' | 'noSession';

export class TokenError extends Error {
  readonly kind: TokenErrorKind;
  readonly oauthError: string | null;
  constructor(kind: TokenErrorKind, message: string, oauthError: string | null = null) {
    super(message);
    this.name = 'TokenError';
    this.kind = kind;
    this.oauthError = oauthError;
  }
}

export interface TokenManagerOptions {
  tokenEndpoint: string;
  logoutEndpoint: string;
  clientId: string;
  fetch?: typeof fetch;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Refresh when this share of the lifetime has passed (default 0.8). */
  refreshRatio?: number;
  /** An access token this close to expiry is refreshed before use (default 30 s). */
  skewMs?: number;
  /** Lifetime assumed when neither `expires_in` nor the JWT's `exp` says (default 300 s). */
  defaultLifetimeMs?: number;
  retryDelay?: (attempt: number) => number;
}

interface Session {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  issuedAt: number;
  expiresAt: number;
}

/** Seconds-since-epoch `exp` claim of a JWT, or null when it is not a readable JWT. */
export function jwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(base64UrlDecodeToString(parts[1]));
    if (typeof payload === 'object' && payload !== null && 'exp' in payload)
      return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
  return null;
}

function parseTokenResponse(body: unknown): TokenResponse {
  if (typeof body !== 'object' || body === null) throw new TokenError('server', 'token response is not an object');
  const r = body as Record<string, unknown>;
  if (typeof r.access_token !== 'string' || r.access_token === '')
    throw new TokenError('server', 'token response has no access_token');
  const out: TokenResponse = { access_token: r.access_token };
  if (typeof r.token_type === 'string') out.token_type = r.token_type;
  if (typeof r.expires_in === 'number') out.expires_in = r.expires_in;
  else if (typeof r.expires_in === 'string' && r.expires_in.trim() !== '' && !Number.isNaN(Number(r.expires_in)))
    out.expires_in = Number(r.expires_in);
  if (typeof r.refresh_token === 'string' && r.refresh_token !== '') out.refresh_token = r.refresh_token;
  if (typeof r.id_token === 'string') out.id_token = r.id_token;
  if (typeof r.scope === 'string') out.scope = r.scope;
  return out;
}

export class TokenManager {
  private readonly opts: Required<Omit<TokenManagerOptions, 'fetch'>> & { fetch: typeof fetch };
  private session: Session | null = null;
  private stateValue: SessionState = 'anonymous';
  private inflight: Promise<string> | null = null;
  private timer: unknown = null;
  private retryAttempt = 0;
  /** Bumped whenever the session is replaced or dropped; stale refresh results are discarded. */
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: TokenManagerOptions) {
    this.opts = {
      tokenEndpoint: options.tokenEndpoint,
      logoutEndpoint: options.logoutEndpoint,
      clientId: options.clientId,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now: options.now ?? (() => Date.now()),
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer:
        options.clearTimer ??
        ((h) => {
          clearTimeout(h as ReturnType<typeof setTimeout>);
        }),
      refreshRatio: options.refreshRatio ?? 0.8,
      skewMs: options.skewMs ?? 30_000,
      defaultLifetimeMs: options.defaultLifetimeMs ?? 300_000,
      retryDelay: options.retryDelay ?? ((n) => backoffDelay(n, { baseMs: 2000, maxMs: 60_000 })),
    };
  }

  get state(): SessionState {
    return this.stateValue;
  }

  get isAuthenticated(): boolean {
    return this.session !== null;
  }

  /** Epoch milliseconds when the current access token expires (null without a session). */
  get expiresAt(): number | null {
    return this.session?.expiresAt ?? null;
  }

  get idToken(): string | null {
    return this.session?.idToken ?? null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The current access token as is (possibly about to expire); null without a session. */
  getAccessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  /**
   * An access token that is not about to expire: refreshes first when needed.
   * Returns null when there is no session; throws TokenError('network') when the refresh
   * could not reach the server.
   */
  async getValidAccessToken(): Promise<string | null> {
    const s = this.session;
    if (!s) return null;
    const margin = Math.min(this.opts.skewMs, (s.expiresAt - s.issuedAt) / 5);
    if (this.opts.now() < s.expiresAt - margin) return s.accessToken;
    if (!s.refreshToken) {
      this.expire();
      return null;
    }
    try {
      return await this.refresh();
    } catch (e) {
      if (e instanceof TokenError && (e.kind === 'refused' || e.kind === 'noSession')) return null;
      throw e;
    }
  }

  /** The server refused the current access token (HTTP 401): the next use refreshes it. */
  invalidateAccessToken(): void {
    if (this.session) this.session.expiresAt = Math.min(this.session.expiresAt, this.opts.now());
  }

  /** Exchange an authorization code (with its PKCE verifier) for the session's tokens. */
  async exchangeCode(args: { code: string; codeVerifier: string; redirectUri: string }): Promise<void> {
    const generation = ++this.generation;
    const tokens = await this.postToken({
      grant_type: 'authorization_code',
      code: args.code,
      redirect_uri: args.redirectUri,
      client_id: this.opts.clientId,
      code_verifier: args.codeVerifier,
    });
    if (generation !== this.generation) throw new TokenError('noSession', 'superseded');
    this.setTokens(tokens);
  }

  /** Install a token response as the session (also used by tests). */
  setTokens(tokens: TokenResponse): void {
    const now = this.opts.now();
    let lifetime = this.opts.defaultLifetimeMs;
    if (typeof tokens.expires_in === 'number' && tokens.expires_in > 0) lifetime = tokens.expires_in * 1000;
    else {
      const exp = jwtExpiry(tokens.access_token);
      if (exp !== null && exp * 1000 > now) lifetime = exp * 1000 - now;
    }
    this.session = {
      accessToken: tokens.access_token,
      // A refresh response without a refresh token keeps nothing: the old one was rotated away.
      refreshToken: tokens.refresh_token ?? null,
      idToken: tokens.id_token ?? this.session?.idToken ?? null,
      issuedAt: now,
      expiresAt: now + lifetime,
    };
    this.retryAttempt = 0;
    this.scheduleRefresh(lifetime * this.opts.refreshRatio);
    this.setState('authenticated');
  }

  /**
   * Refresh now. Concurrent calls share one request, so a refresh token is sent once; after a
   * successful rotation only the new one is kept. (After a network failure the same token is
   * retried: the server may never have seen it. If it had, it refuses it and the session ends.)
   */
  refresh(): Promise<string> {
    if (this.inflight) return this.inflight;
    const s = this.session;
    if (!s?.refreshToken) return Promise.reject(new TokenError('noSession', 'no refresh token'));
    const generation = this.generation;
    const refreshToken = s.refreshToken;
    this.cancelTimer();
    const run = async (): Promise<string> => {
      try {
        const tokens = await this.postToken({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: this.opts.clientId,
        });
        if (generation !== this.generation || !this.session) throw new TokenError('noSession', 'session ended');
        this.setTokens(tokens);
        return tokens.access_token;
      } catch (e) {
        if (generation === this.generation && this.session) {
          if (e instanceof TokenError && e.kind === 'refused') this.expire();
          else this.scheduleRetry();
        }
        throw e;
      }
    };
    const p = run().finally(() => {
      if (this.inflight === p) this.inflight = null;
    });
    this.inflight = p;
    return p;
  }

  /** Drop the session because the server no longer accepts it: the app logs in again. */
  expire(): void {
    // Without a session there is nothing to expire (and a logged-out state must stay so).
    if (!this.session) return;
    this.drop('expired');
  }

  /** End the session at the server (revoking the refresh token), then drop it. */
  async logout(): Promise<void> {
    const s = this.session;
    this.drop('loggedOut');
    if (!s) return;
    const body = new URLSearchParams({ client_id: this.opts.clientId });
    if (s.refreshToken) {
      body.set('refresh_token', s.refreshToken);
      body.set('token', s.refreshToken);
      body.set('token_type_hint', 'refresh_token');
    }
    try {
      await this.opts.fetch(this.opts.logoutEndpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Bearer ${s.accessToken}`,
        },
        body,
        credentials: 'same-origin',
      });
    } catch {
      // Offline: the tokens are gone from memory anyway, and they expire at the server.
    }
  }

  dispose(): void {
    this.cancelTimer();
    this.listeners.clear();
  }

  private drop(next: SessionState): void {
    this.generation += 1;
    this.session = null;
    this.inflight = null;
    this.cancelTimer();
    this.setState(next);
  }

  private setState(next: SessionState): void {
    this.stateValue = next;
    for (const l of [...this.listeners]) l();
  }

  private scheduleRefresh(ms: number): void {
    this.cancelTimer();
    if (!this.session?.refreshToken) return;
    this.timer = this.opts.setTimer(
      () => {
        this.timer = null;
        this.refresh().catch(() => {
          // Handled in refresh(): a refusal ends the session, a network failure is retried.
        });
      },
      Math.max(0, ms),
    );
  }

  private scheduleRetry(): void {
    const wait = this.opts.retryDelay(this.retryAttempt);
    this.retryAttempt += 1;
    this.scheduleRefresh(wait);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
  }

  private async postToken(fields: Record<string, string>): Promise<TokenResponse> {
    let response: Response;
    try {
      response = await this.opts.fetch(this.opts.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(fields),
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new TokenError('network', e instanceof Error ? e.message : 'network error');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok) return parseTokenResponse(body);
    const oauthError =
      typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : null;
    if (response.status === 400 || response.status === 401 || response.status === 403)
      throw new TokenError('refused', `token endpoint refused: ${oauthError ?? String(response.status)}`, oauthError);
    throw new TokenError(
      response.status >= 500 || response.status === 429 ? 'network' : 'server',
      `token endpoint answered ${String(response.status)}`,
      oauthError,
    );
  }
}
