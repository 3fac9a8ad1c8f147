import { createConnectionMonitor } from '../lib/connection';
import { createGraphqlClients, wsUrlFor } from '../lib/graphqlClient';
import { createAuthFetch } from './auth/authFetch';
import { AUTH_CONFIG } from './auth/config';
import { TokenManager } from './auth/tokens';
import { languageStore } from './i18n/store';

/** The app's singletons: the session's tokens, the connection monitor and the GraphQL client. */

export const tokens = new TokenManager({
  tokenEndpoint: AUTH_CONFIG.tokenPath,
  logoutEndpoint: AUTH_CONFIG.logoutPath,
  clientId: AUTH_CONFIG.clientId,
});

export const connection = createConnectionMonitor({
  probe: async () => {
    const response = await fetch('/healthz', { cache: 'no-store' });
    return response.ok;
  },
});

const getLanguage = () => languageStore.language;

/** `fetch` with the bearer token and Accept-Language (also used for multipart uploads). */
export const authFetch = createAuthFetch({ tokens, getLanguage, connection });

export const { client: graphqlClient, ws: graphqlWsClient } = createGraphqlClients({
  url: '/graphql',
  wsUrl: wsUrlFor(window.location),
  fetch: authFetch,
  getAccessToken: () => tokens.getValidAccessToken(),
  getLanguage,
  onUnauthenticated: () => {
    tokens.expire();
  },
  onSocketTokenRefused: () => {
    tokens.invalidateAccessToken();
  },
  connection,
});

let started = false;

/** Browser events that speed things up: back online → probe now. */
export function startServices(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    connection.probeNow();
  });
  window.addEventListener('offline', () => {
    connection.reportFailure();
  });
}
