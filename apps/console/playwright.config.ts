import { defineConfig } from '@playwright/test';
import { apiHealthPort, consoleUrl, grpcPublicAddress, kairosApiUrl } from './tests/e2e/e2e-env.ts';

/**
 * Browser tests against a production build of the console, in Debian's Chromium (Playwright's own
 * browser downloads are unreachable here, so `playwright install` is never needed). The console
 * is pointed at an api health URL whose port the tests own: they start a real HTTP server there,
 * or leave it closed, to show each API state. Its tRPC calls go to a real Kairos api in embedded
 * mode (tests/e2e/support/start-kairos-api.ts, fresh database on the infra Postgres), which the
 * control-plane specs drive through the UI and through the official Temporal SDK.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Two cores build and serve Next.js; one browser worker keeps the api-health port uncontended.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    // Read by `npm test` at the root (packages/testing summarises every workspace's report).
    ['json', { outputFile: '.test-report.json' }],
  ],
  use: {
    baseURL: consoleUrl,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node --import tsx tests/e2e/support/start-kairos-api.ts',
      url: `${kairosApiUrl}/healthz`,
      reuseExistingServer: !process.env.CI,
      // Migrations on a fresh database, then the engine's shards.
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      // SIGTERM lets the api shut down and its database be dropped (SIGKILL would leave both).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    },
    {
      command: 'npm run build && npm run start',
      url: `${consoleUrl}/api/healthz`,
      // Locally a console already on :3000 is reused; it must have been started with the env below
      // (tests/e2e/api-status.spec.ts says so when it was not). CI always builds its own.
      reuseExistingServer: !process.env.CI,
      // A cold `next build` plus first start on a 2-core machine.
      timeout: 300_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        KAIROS_API_HEALTH_URL: `http://127.0.0.1:${apiHealthPort}/healthz`,
        KAIROS_GRPC_PUBLIC_ADDRESS: grpcPublicAddress,
        KAIROS_API_URL: kairosApiUrl,
      },
    },
  ],
});
