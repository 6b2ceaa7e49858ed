import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { startApiHealthServer, type ApiHealthServer } from './api-health-server.ts';
import { apiHealthPort, apiHealthUrl } from './e2e-env.ts';

// Every test here owns the api health port in turn, so they must not overlap.
test.describe.configure({ mode: 'serial' });

let server: ApiHealthServer | undefined;

test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

const status = (page: Page) => page.getByTestId('api-status');

/** The console under test must check our port; a reused console started with other env cannot. */
async function expectCheckedUrlIsOurs(page: Page) {
  await expect(
    status(page).getByText(apiHealthUrl, { exact: true }),
    `the console must be started with KAIROS_API_HEALTH_URL=${apiHealthUrl}; ` +
      'stop any console already on :3000 or start it with that env (see README.md)',
  ).toBeVisible();
}

test('shows the API as unreachable, with the socket error, when nothing listens', async ({ page }) => {
  await page.goto('/');
  await expect(status(page).getByText('API: unreachable')).toBeVisible();
  await expect(page.getByTestId('api-status-error')).toHaveText(
    `connect ECONNREFUSED 127.0.0.1:${apiHealthPort}`,
  );
  await expectCheckedUrlIsOurs(page);
  // The rest of the page is unaffected by the api being down.
  await expect(page.getByRole('heading', { level: 2, name: 'Connect an SDK' })).toBeVisible();
});

test('shows the API as reachable with the gRPC address it reports', async ({ page }, testInfo) => {
  server = await startApiHealthServer(apiHealthPort);
  server.answer({
    kind: 'json',
    status: 200,
    body: { status: 'ok', grpc: '127.0.0.1:7233', version: 'test' },
  });

  await page.goto('/');
  await expect(status(page).getByText('API: reachable')).toBeVisible();
  await expect(status(page).getByText('127.0.0.1:7233', { exact: true })).toBeVisible();
  await expect(status(page).getByText(/^\d+ ms$/)).toBeVisible();
  await expectCheckedUrlIsOurs(page);
  expect(server.paths).toContain('/healthz');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('landing-1440-api-reachable.png'), fullPage: true });
});

test('shows the API as unhealthy when it answers with an error status', async ({ page }) => {
  server = await startApiHealthServer(apiHealthPort);
  // The body apps/api sends when a dependency check fails.
  server.answer({
    kind: 'json',
    status: 503,
    body: {
      status: 'degraded',
      mode: 'embedded',
      grpc: '127.0.0.1:7233',
      checks: { database: { status: 'failing', error: 'connect ECONNREFUSED 127.0.0.1:5434' } },
    },
  });

  await page.goto('/');
  await expect(status(page).getByText('API: unhealthy')).toBeVisible();
  await expect(page.getByTestId('api-status-error')).toHaveText(
    'HTTP 503, status "degraded": database: connect ECONNREFUSED 127.0.0.1:5434',
  );
});

test('streams the page before a slow health check finishes', async ({ page }) => {
  server = await startApiHealthServer(apiHealthPort);
  server.answer({ kind: 'held', status: 200, body: { status: 'ok' } });

  const navigation = page.goto('/');
  await server.nextRequest();
  // The check is still held open on our server, yet the page is already on screen.
  await expect(page.getByRole('heading', { level: 1, name: 'Kairos' })).toBeVisible();
  await expect(status(page).getByText('Checking the API…')).toBeVisible();

  server.release();
  await navigation;
  await expect(status(page).getByText('API: reachable')).toBeVisible();
});

test('gives up on an api that never answers and says so', async ({ page }) => {
  server = await startApiHealthServer(apiHealthPort);
  server.answer({ kind: 'silent' });

  await page.goto('/');
  await expect(status(page).getByText('API: unreachable')).toBeVisible();
  await expect(page.getByTestId('api-status-error')).toHaveText('no answer within 5000 ms', {
    timeout: 10_000,
  });
});

test('"Check again" re-checks the API without reloading the page', async ({ page }) => {
  await page.goto('/');
  await expect(status(page).getByText('API: unreachable')).toBeVisible();
  // A marker on window survives a client-side refresh but not a reload.
  await page.evaluate(() => Object.assign(window, { kairosSamePage: true }));

  server = await startApiHealthServer(apiHealthPort);
  server.answer({ kind: 'json', status: 200, body: { status: 'ok', grpc: '127.0.0.1:7233' } });
  await page.getByRole('button', { name: 'Check again' }).click();

  await expect(status(page).getByText('API: reachable')).toBeVisible();
  expect(await page.evaluate(() => 'kairosSamePage' in window)).toBe(true);
});
