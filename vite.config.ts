/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { paperboyData, siteTopicsFrom } from './scripts/vite-plugin-data.ts';

// PAPERBOY_SITE_URL is the absolute address the feeds written by the build link to.
// PAPERBOY_DATA points the dev server, the preview server and the build at another dataset
// folder (the scale tests ingest 20,000 papers into a temporary one).
const dataDir = process.env.PAPERBOY_DATA ?? 'data';
// The site's extra topics: `topics` in paperboy.config.json (PAPERBOY_CONFIG names another file).
const siteTopics = siteTopicsFrom(process.env.PAPERBOY_CONFIG ?? 'paperboy.config.json');

export default defineConfig({
  plugins: [react(), paperboyData({ dataDir, siteUrl: process.env.PAPERBOY_SITE_URL, siteTopics })],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  // No modulepreload polyfill: every browser that runs this es2022 build supports modulepreload.
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    // The topic rules, needed by the first screen and by lazy pages alike, go in one chunk with
    // the tokenizer rather than a chunk of their own (each chunk costs the first screen a request
    // and its wrapper).
    rolldownOptions: {
      output: {
        advancedChunks: { groups: [{ name: 'domain', test: /src\/domain\/topic-rules/ }] },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/**/*.test.{ts,tsx}'],
    // The hardening suite takes minutes: `npm run test:hardening` runs it.
    exclude: [
      'tests/e2e/**',
      'node_modules/**',
      ...(process.env.PAPERBOY_HARDENING ? [] : ['tests/hardening/**']),
    ],
    // Generous for a loaded 2-core machine; a passing test ends as soon as it is done.
    testTimeout: 120_000,
  },
});
