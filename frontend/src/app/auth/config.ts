/** Where the built-in authorization server lives (same origin as the SPA, see contract.md). */
export const AUTH_CONFIG = {
  clientId: 'ecabinet-spa',
  authorizePath: '/auth/authorize',
  tokenPath: '/auth/token',
  logoutPath: '/auth/logout',
  callbackPath: '/auth/callback',
  loggedOutPath: '/logged-out',
  /**
   * What the SPA's tokens may reach: a user's token reaches no further than its scopes
   * (the server's policy), so the SPA asks for every domain it shows.
   */
  scope: [
    'openid profile offline_access',
    'users:read users:write meetings:read meetings:write votes:cast tasks:read tasks:write',
    'documents:read documents:write hr:read hr:write treaties:read treaties:write',
    'assets:read assets:write audit:read',
  ].join(' '),
} as const;

export function redirectUri(origin: string = window.location.origin): string {
  return `${origin}${AUTH_CONFIG.callbackPath}`;
}
