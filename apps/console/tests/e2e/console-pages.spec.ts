import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import {
  createApiKey,
  createNamespace,
  newTestUser,
  signUp,
  uniqueSuffix,
  waitForData,
} from './support/console-actions.ts';

const viewports = [
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
] as const;

/** Fits the window (no sideways scrolling), passes axe, and leaves a full-page screenshot. */
async function checkPage(page: Page, testInfo: TestInfo, path: string, label: string) {
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await waitForData(page);

    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${path} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);

    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map(({ id, help, nodes }) => ({
        path,
        id,
        help,
        targets: nodes.map((n) => n.target),
      })),
    ).toEqual([]);

    const screenshot = testInfo.outputPath(`${label}-${viewport.width}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach(`${label} at ${viewport.width}px`, { path: screenshot, contentType: 'image/png' });
  }
}

test('every console page fits 375 and 1440 px and passes axe; screenshots attached', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);

  const signedOut = await browser.newContext();
  try {
    const visitor = await signedOut.newPage();
    await checkPage(visitor, testInfo, '/signup', 'signup');
    await checkPage(visitor, testInfo, '/login', 'login');
  } finally {
    await signedOut.close();
  }

  await signUp(page, newTestUser('pages'));
  await checkPage(page, testInfo, '/namespaces', 'namespaces-empty');

  const namespace = `pages-${uniqueSuffix()}`;
  await createNamespace(page, namespace);
  await createApiKey(page, 'pages key', namespace);
  await checkPage(page, testInfo, '/namespaces', 'namespaces');
  await checkPage(page, testInfo, `/namespaces/${namespace}`, 'namespace-detail');
  await checkPage(page, testInfo, '/api-keys', 'api-keys');
  await checkPage(page, testInfo, '/members', 'members');
  await checkPage(page, testInfo, '/quotas', 'quotas');
  await checkPage(page, testInfo, '/audit', 'audit');
});

test('the revealed key and the open dialog pass axe too', async ({ page }, testInfo) => {
  // Shares the sign-up budget: the api allows 10 per hour from one address.
  await signUp(page, newTestUser('dialogs'));
  const namespace = `dialogs-${uniqueSuffix()}`;
  await createNamespace(page, namespace);
  await createApiKey(page, 'dialog key', namespace);
  await page.getByRole('button', { name: 'Revoke dialog key' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();

  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((n) => n.target) }))).toEqual(
    [],
  );
  const screenshot = testInfo.outputPath('api-keys-revealed-and-dialog.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('revealed key and revoke dialog', { path: screenshot, contentType: 'image/png' });
});
