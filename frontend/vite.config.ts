/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { graphqlChunkName, graphqlDocuments } from './tools/graphqlDocuments.ts';

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
  // graphqlDocuments: each graphql() call imports only its own document, grouped per feature
  // into graphql-<feature> chunks (the build output lists their sizes), never one chunk of all.
  plugins: [graphqlDocuments({ root: fileURLToPath(new URL('.', import.meta.url)) }), react()],
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
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: graphqlChunkName, debugName: 'graphql documents per feature' }] },
        // The code shared by the entry and the pages (React, urql, i18n) would be named after
        // its first module, the generated fragment-masking helper: call it what it is.
        chunkFileNames: (chunk) => `assets/${chunk.name === 'fragment-masking' ? 'shared' : '[name]'}-[hash].js`,
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'tools/**/*.test.ts'],
    restoreMocks: true,
  },
});
