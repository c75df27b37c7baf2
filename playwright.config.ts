import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './tests/e2e/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4317);
export const LIVE_PORT = PORT + 1;

// Debian's Chromium, never a downloaded browser; against the production build in `vite preview`.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromiumLaunch,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  globalSetup: './tests/e2e/global-setup.ts',
  webServer: [
    {
      command: `npx vite preview --configLoader runner --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The same build over a writable copy of the dataset (.e2e-data, made by global-setup),
      // for tests that ingest a new day while the app is open.
      command: `npx vite preview --configLoader runner --host 127.0.0.1 --port ${LIVE_PORT} --strictPort`,
      url: `http://127.0.0.1:${LIVE_PORT}`,
      env: { PAPERBOY_DATA: '.e2e-data' },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
