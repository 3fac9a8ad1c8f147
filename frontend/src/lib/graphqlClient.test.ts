import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CombinedError, makeOperation, createRequest } from 'urql';
import { parse } from 'graphql';
import { createGraphqlClients, shouldRetryOperation, wsUrlFor } from './graphqlClient';

/** Just enough of a WebSocket for graphql-ws: acknowledges connection_init, answers pings. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: { type: string; payload?: Record<string, unknown> }[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  readonly url: string;
  readonly protocol: string;
  constructor(url: string, protocol: string) {
    this.url = url;
    this.protocol = protocol;
    FakeSocket.instances.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }
  send(data: string) {
    const msg = JSON.parse(data) as { type: string; payload?: Record<string, unknown> };
    this.sent.push(msg);
    const reply = msg.type === 'connection_init' ? 'connection_ack' : msg.type === 'ping' ? 'pong' : null;
    if (reply)
      setTimeout(() => {
        this.onmessage?.({ data: JSON.stringify({ type: reply }) });
      }, 0);
  }
  close(code = 1000, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: true });
  }
  /** The server side drops the connection. */
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: 'server', wasClean: false });
  }
}

function setup() {
  let n = 0;
  const getAccessToken = vi.fn(() => Promise.resolve(`token-${String(++n)}`));
  const connection = { reportFailure: vi.fn(), reportSuccess: vi.fn() };
  const onSocketTokenRefused = vi.fn();
  const { client, ws } = createGraphqlClients({
    url: 'http://x/graphql',
    wsUrl: 'ws://x/graphql',
    fetch: vi.fn(),
    getAccessToken,
    getLanguage: () => 'vi',
    onUnauthenticated: vi.fn(),
    onSocketTokenRefused,
    connection,
    keepAliveMs: 10_000,
    webSocketImpl: FakeSocket,
  });
  const unsubscribe = ws.subscribe(
    { query: 'subscription { voteUpdated(voteId: "1") { id } }' },
    { next: () => undefined, error: () => undefined, complete: () => undefined },
  );
  return { client, ws, getAccessToken, connection, onSocketTokenRefused, unsubscribe };
}

const inits = () =>
  FakeSocket.instances.flatMap((s) => s.sent.filter((m) => m.type === 'connection_init').map((m) => m.payload));

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('graphql-ws client', () => {
  it('sends the bearer token and the language in connection_init', async () => {
    const { ws, connection } = setup();
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeSocket.instances[0]?.protocol).toBe('graphql-transport-ws');
    expect(inits()).toEqual([{ Authorization: 'Bearer token-1', 'Accept-Language': 'vi' }]);
    expect(connection.reportSuccess).toHaveBeenCalled();
    await ws.dispose();
  });

  it('reconnects after the connection drops, with a fresh token', async () => {
    const { ws, getAccessToken, connection } = setup();
    await vi.advanceTimersByTimeAsync(10);
    FakeSocket.instances[0]?.drop(1006);
    expect(connection.reportFailure).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(1_100); // first back-off is at most 1 s
    expect(FakeSocket.instances).toHaveLength(2);
    expect(inits().map((p) => p?.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(getAccessToken).toHaveBeenCalledTimes(2);
    await ws.dispose();
  });

  it('keeps retrying with growing back-off while the server stays away', async () => {
    const { ws } = setup();
    await vi.advanceTimersByTimeAsync(10);
    for (let i = 0; i < 6; i++) {
      FakeSocket.instances.at(-1)?.drop(1006);
      await vi.advanceTimersByTimeAsync(31_000);
    }
    expect(FakeSocket.instances.length).toBe(7);
    await ws.dispose();
  });

  it('on 4403 asks for a new token and reconnects', async () => {
    const { ws, onSocketTokenRefused, connection } = setup();
    await vi.advanceTimersByTimeAsync(10);
    FakeSocket.instances[0]?.drop(4403);
    expect(onSocketTokenRefused).toHaveBeenCalledOnce();
    expect(connection.reportFailure).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(FakeSocket.instances).toHaveLength(2);
    await ws.dispose();
  });

  it('pings every 10 s and closes a socket whose pong does not come', async () => {
    const { ws } = setup();
    await vi.advanceTimersByTimeAsync(10);
    const socket = FakeSocket.instances[0];
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket?.sent.filter((m) => m.type === 'ping')).toHaveLength(1);
    // The server goes silent: no more pongs.
    if (socket) socket.send = (data: string) => void socket.sent.push(JSON.parse(data) as { type: string });
    await vi.advanceTimersByTimeAsync(16_000);
    expect(socket?.readyState).toBe(3);
    await ws.dispose();
  });
});

describe('helpers', () => {
  it('retries queries on network errors only, never mutations', () => {
    const request = createRequest(parse('query Q { viewer { id } }'), {});
    const query = makeOperation('query', request, { url: '/graphql', requestPolicy: 'cache-first' });
    const mutation = makeOperation('mutation', request, { url: '/graphql', requestPolicy: 'cache-first' });
    const network = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    const forbidden = new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] });
    expect(shouldRetryOperation(network, query)).toBe(true);
    expect(shouldRetryOperation(network, mutation)).toBe(false);
    expect(shouldRetryOperation(forbidden, query)).toBe(false);
  });

  it('derives the WebSocket URL from the page', () => {
    expect(wsUrlFor({ protocol: 'https:', host: 'ecabinet.gov.vn' })).toBe('wss://ecabinet.gov.vn/graphql');
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:8000' })).toBe('ws://127.0.0.1:8000/graphql');
  });
});
