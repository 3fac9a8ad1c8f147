import { AUTH_CONFIG, redirectUri } from './config';
import { createCodeChallenge, createCodeVerifier, randomUrlSafeString } from './pkce';
import type { TokenManager } from './tokens';

/**
 * The Authorization Code + PKCE round trip. Only the verifier, the state and the page to
 * return to are kept, in sessionStorage, for the length of the redirect; tokens never are.
 */

const PENDING_KEY = 'ecabinet.auth.pending';
const ATTEMPTS_KEY = 'ecabinet.auth.attempts';
/** More automatic logins than this within the window means something loops: stop and ask. */
const MAX_AUTO_LOGINS = 3;
const AUTO_LOGIN_WINDOW_MS = 60_000;

export interface PendingLogin {
  verifier: string;
  state: string;
  returnTo: string;
  createdAt: number;
}

export interface AuthorizeParams {
  origin: string;
  state: string;
  codeChallenge: string;
  locale: string;
}

export function buildAuthorizeUrl(p: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: AUTH_CONFIG.clientId,
    redirect_uri: redirectUri(p.origin),
    scope: AUTH_CONFIG.scope,
    state: p.state,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
    ui_locales: p.locale,
  });
  return `${p.origin}${AUTH_CONFIG.authorizePath}?${query.toString()}`;
}

/** Only same-origin paths are returned to after login (no open redirect). */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path?.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (path.startsWith(AUTH_CONFIG.callbackPath) || path.startsWith(AUTH_CONFIG.loggedOutPath)) return '/';
  return path;
}

export function readPending(storage: Storage = sessionStorage): PendingLogin | null {
  const raw = storage.getItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<PendingLogin>;
    if (typeof v.verifier === 'string' && typeof v.state === 'string' && typeof v.returnTo === 'string')
      return { verifier: v.verifier, state: v.state, returnTo: v.returnTo, createdAt: Number(v.createdAt) || 0 };
  } catch {
    // fall through
  }
  return null;
}

/** Counts automatic login redirects; false when they come too fast (a redirect loop). */
export function allowAutomaticLogin(storage: Storage = sessionStorage, now: number = Date.now()): boolean {
  let times: number[] = [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(ATTEMPTS_KEY) ?? '[]');
    if (Array.isArray(parsed)) times = parsed.filter((t): t is number => typeof t === 'number');
  } catch {
    times = [];
  }
  times = times.filter((t) => now - t < AUTO_LOGIN_WINDOW_MS);
  if (times.length >= MAX_AUTO_LOGINS) return false;
  times.push(now);
  storage.setItem(ATTEMPTS_KEY, JSON.stringify(times));
  return true;
}

export function resetAutomaticLogins(storage: Storage = sessionStorage): void {
  storage.removeItem(ATTEMPTS_KEY);
}

let redirecting = false;

/**
 * The automatic login of a page without a session: false (and nothing happens) when logins
 * come too fast, i.e. something loops. Runs once per page even if asked twice.
 */
export async function startAutomaticLogin(args: { locale: string; returnTo?: string }): Promise<boolean> {
  if (redirecting) return true;
  if (!allowAutomaticLogin()) return false;
  redirecting = true;
  try {
    await beginLogin(args);
  } catch (e) {
    redirecting = false;
    throw e;
  }
  return true;
}

/** Prepare PKCE and leave for the authorization server's login page. */
export async function beginLogin(args: {
  locale: string;
  returnTo?: string;
  storage?: Storage;
  location?: Pick<Location, 'origin' | 'assign'>;
}): Promise<void> {
  const storage = args.storage ?? sessionStorage;
  const location = args.location ?? window.location;
  const verifier = createCodeVerifier();
  const state = randomUrlSafeString(16);
  const pending: PendingLogin = {
    verifier,
    state,
    returnTo: safeReturnPath(args.returnTo),
    createdAt: Date.now(),
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const codeChallenge = await createCodeChallenge(verifier);
  location.assign(buildAuthorizeUrl({ origin: location.origin, state, codeChallenge, locale: args.locale }));
}

export type CallbackErrorCode = 'denied' | 'stateMismatch' | 'missingCode' | 'exchangeFailed' | 'network';

export class CallbackError extends Error {
  readonly code: CallbackErrorCode;
  readonly detail: string | null;
  constructor(code: CallbackErrorCode, detail: string | null = null) {
    super(`login callback failed: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'CallbackError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Handle `/auth/callback?code=..&state=..`: check the state, exchange the code with the
 * verifier, and return the path to go back to.
 */
export async function completeLogin(args: {
  search: string;
  tokens: TokenManager;
  origin?: string;
  storage?: Storage;
}): Promise<string> {
  const storage = args.storage ?? sessionStorage;
  const params = new URLSearchParams(args.search);
  const pending = readPending(storage);
  storage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new CallbackError('denied', params.get('error_description') ?? error);
  const code = params.get('code');
  const state = params.get('state');
  if (!pending || !state || state !== pending.state) throw new CallbackError('stateMismatch');
  if (!code) throw new CallbackError('missingCode');
  try {
    await args.tokens.exchangeCode({
      code,
      codeVerifier: pending.verifier,
      redirectUri: redirectUri(args.origin ?? window.location.origin),
    });
  } catch (e) {
    const kind = (e as { kind?: unknown }).kind;
    throw new CallbackError(kind === 'network' ? 'network' : 'exchangeFailed', e instanceof Error ? e.message : null);
  }
  resetAutomaticLogins(storage);
  return pending.returnTo;
}
