import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive the web mode (`wheelbench serve`) in Debian's Chromium: Playwright cannot
// download its own browsers here. Each test starts its own server (see test/e2e/fixtures.ts), so run
// `npm run build` first.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // Real cargo/maturin builds on a 2-core machine: one test at a time, generous timeouts.
  workers: 1,
  fullyParallel: false,
  timeout: 6 * 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.WHEELBENCH_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium-web-mode' }],
});
