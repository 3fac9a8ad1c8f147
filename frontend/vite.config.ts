/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.ECABINET_BACKEND ?? 'http://127.0.0.1:8000';

/**
 * The Content-Security-Policy the backend sends with the built SPA. `vite preview` sends it too,
 * so a violation (an inline script or style) shows up before it reaches the backend.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: backend, ws: true },
      // /auth/callback is the SPA's own route; everything else under /auth is the server's.
      '^/auth/(?!callback)': { target: backend },
      '/files': { target: backend },
      '/.well-known': { target: backend },
      '/healthz': { target: backend },
      '/readyz': { target: backend },
    },
  },
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // The polyfill would be injected into the entry chunk only, but it is not needed by any
    // supported browser; leaving it out keeps index.html free of anything inline.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
