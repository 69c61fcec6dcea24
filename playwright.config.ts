import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.mjs';

// CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own download.
// `npm run test:e2e` runs scripts/find-chromium.mjs first, which installs Debian's
// package where none exists (and the machine allows it) or says what to install.
const executablePath = (await findChromium()) ?? undefined;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
    trace: 'off',
  },
});
