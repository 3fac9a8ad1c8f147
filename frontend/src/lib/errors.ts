/**
 * Maps what can go wrong with a request to the few things the UI does about it.
 *
 * - `unauthenticated`: the session is gone (HTTP 401 or `extensions.code` UNAUTHENTICATED) → log in again.
 * - `forbidden`: the viewer may not see this (HTTP 403 or FORBIDDEN) → "you do not have access".
 * - `network`: the server cannot be reached (no response, or a gateway 502/503/504) → "reconnecting…".
 * - the rest are shown as messages; `internal` never shows more than a request id.
 *
 * Plain TypeScript on purpose: it is used by the urql exchanges and the pages, and unit-tested.
 */
export type ErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'badInput'
  | 'tooComplex'
  | 'rateLimited'
  | 'network'
  | 'internal'
  | 'unknown';

/** The shape shared by urql's CombinedError and anything else we classify. */
export interface ErrorLike {
  networkError?: unknown;
  graphQLErrors?: readonly { message?: string; extensions?: Readonly<Record<string, unknown>> }[];
  response?: unknown;
}

const CODE_TO_KIND: Readonly<Record<string, ErrorKind>> = {
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  BAD_USER_INPUT: 'badInput',
  QUERY_TOO_COMPLEX: 'tooComplex',
  RATE_LIMITED: 'rateLimited',
  INTERNAL_SERVER_ERROR: 'internal',
};

/** Order of precedence when one response carries several codes. */
const PRECEDENCE: readonly ErrorKind[] = [
  'unauthenticated',
  'network',
  'forbidden',
  'rateLimited',
  'tooComplex',
  'notFound',
  'badInput',
  'internal',
  'unknown',
];

export function kindFromCode(code: unknown): ErrorKind {
  return typeof code === 'string' ? (CODE_TO_KIND[code] ?? 'unknown') : 'unknown';
}

export function kindFromStatus(status: number): ErrorKind | null {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status === 502 || status === 503 || status === 504) return 'network';
  if (status >= 500) return 'internal';
  return null;
}

function statusOf(response: unknown): number | null {
  if (typeof response === 'object' && response !== null && 'status' in response) {
    const { status } = response;
    if (typeof status === 'number' && status > 0) return status;
  }
  return null;
}

/** All the kinds present in an error, most important first. */
export function errorKinds(error: ErrorLike | null | undefined): ErrorKind[] {
  if (!error) return [];
  const kinds = new Set<ErrorKind>();
  const status = statusOf(error.response);
  if (status !== null) {
    const k = kindFromStatus(status);
    if (k) kinds.add(k);
  }
  for (const e of error.graphQLErrors ?? []) kinds.add(kindFromCode(e.extensions?.code));
  if (error.networkError && kinds.size === 0) {
    // No HTTP status we recognise: a failed fetch, a refused WebSocket, an unparsable body.
    kinds.add(status === null || status >= 500 ? 'network' : 'unknown');
  }
  return PRECEDENCE.filter((k) => kinds.has(k));
}

/** The one kind that decides what the UI does. */
export function classifyError(error: ErrorLike | null | undefined): ErrorKind | null {
  return errorKinds(error)[0] ?? null;
}

/** The request id the server put in an INTERNAL_SERVER_ERROR, for the user to quote. */
export function requestIdOf(error: ErrorLike | null | undefined): string | null {
  for (const e of error?.graphQLErrors ?? []) {
    const id = e.extensions?.requestId ?? e.extensions?.request_id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}

/** The locale key of the message shown for a kind. */
export function messageKeyFor(kind: ErrorKind): `error.${ErrorKind}` {
  return `error.${kind}`;
}
