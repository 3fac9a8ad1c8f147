import { retryExchange } from '@urql/exchange-retry';
import type { Client as WsClient } from 'graphql-ws';
import { createClient as createWsClient } from 'graphql-ws';
import type { CombinedError, Operation } from 'urql';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { backoffDelay, sleep } from './backoff';
import { classifyError } from './errors';

/**
 * The urql client: HTTP for queries and mutations (through an authenticating `fetch`),
 * graphql-ws for subscriptions. Knows nothing about React or where tokens come from.
 */
export interface GraphqlClientOptions {
  url: string;
  wsUrl: string;
  /** `fetch` that adds Authorization and Accept-Language (see app/auth/authFetch.ts). */
  fetch: typeof fetch;
  /** A fresh access token for the WebSocket's connection_init (called on every (re)connect). */
  getAccessToken: () => Promise<string | null>;
  getLanguage: () => string;
  onUnauthenticated: () => void;
  /** The server closed the socket with 4403 (bad or expired token). */
  onSocketTokenRefused?: () => void;
  connection?: { reportFailure(): void; reportSuccess(): void };
  keepAliveMs?: number;
  pongTimeoutMs?: number;
  /** For tests: a WebSocket implementation other than the browser's. */
  webSocketImpl?: unknown;
}

export interface GraphqlClients {
  client: Client;
  ws: WsClient;
}

/** Close codes of graphql-transport-ws and the server that are not a lost network. */
const NORMAL_CLOSE = new Set([1000, 4403, 4400, 4401, 4409, 4429]);
const WS_OPEN = 1;

function closeCode(event: unknown): number | null {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number'
    ? event.code
    : null;
}

/** Queries are retried while the network is down; mutations never (they may not be idempotent). */
export function shouldRetryOperation(error: CombinedError, operation: Operation): boolean {
  return operation.kind === 'query' && classifyError(error) === 'network';
}

export function wsUrlFor(location: Pick<Location, 'protocol' | 'host'>, path = '/graphql'): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

export function createGraphqlClients(options: GraphqlClientOptions): GraphqlClients {
  const keepAlive = options.keepAliveMs ?? 10_000;
  const pongTimeout = options.pongTimeoutMs ?? 5_000;
  let activeSocket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | null = null;

  const ws = createWsClient({
    url: options.wsUrl,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    lazy: true,
    keepAlive,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => sleep(backoffDelay(retries)),
    connectionParams: async () => {
      const token = await options.getAccessToken();
      return token
        ? { Authorization: `Bearer ${token}`, 'Accept-Language': options.getLanguage() }
        : { 'Accept-Language': options.getLanguage() };
    },
    on: {
      connected: (socket) => {
        activeSocket = socket as WebSocket;
        options.connection?.reportSuccess();
      },
      ping: (received) => {
        if (received) return;
        // We pinged: a server that does not pong in time is gone; close to reconnect.
        if (pongTimer) clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (activeSocket?.readyState === WS_OPEN) activeSocket.close(4408, 'Pong timeout');
        }, pongTimeout);
      },
      pong: (received) => {
        if (received && pongTimer) {
          clearTimeout(pongTimer);
          pongTimer = null;
        }
      },
      closed: (event) => {
        activeSocket = null;
        if (pongTimer) clearTimeout(pongTimer);
        pongTimer = null;
        const code = closeCode(event);
        if (code === 4403) options.onSocketTokenRefused?.();
        else if (code === null || !NORMAL_CLOSE.has(code)) options.connection?.reportFailure();
      },
    },
  });

  const client = new Client({
    url: options.url,
    fetch: options.fetch,
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          if (classifyError(error) === 'unauthenticated') options.onUnauthenticated();
        },
      }),
      cacheExchange,
      retryExchange({
        initialDelayMs: 1000,
        maxDelayMs: 10_000,
        randomDelay: true,
        maxNumberAttempts: Infinity,
        retryIf: shouldRetryOperation,
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return { client, ws };
}
