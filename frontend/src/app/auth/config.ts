/** Where the built-in authorization server lives (same origin as the SPA, see contract.md). */
export const AUTH_CONFIG = {
  clientId: 'ecabinet-spa',
  authorizePath: '/auth/authorize',
  tokenPath: '/auth/token',
  logoutPath: '/auth/logout',
  callbackPath: '/auth/callback',
  loggedOutPath: '/logged-out',
  scope: 'openid profile offline_access',
} as const;

export function redirectUri(origin: string = window.location.origin): string {
  return `${origin}${AUTH_CONFIG.callbackPath}`;
}
