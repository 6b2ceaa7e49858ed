import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { grpcPublicAddress } from './e2e-env.ts';

/** The status panel resolves in any state (the api may be up or down); wait for a verdict. */
async function waitForApiVerdict(page: Page) {
  await expect(page.getByTestId('api-status').locator('[data-state]')).toBeVisible();
}

test('links to sign up and log in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveURL('/signup');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your Kairos account' })).toBeVisible();
  await page.getByRole('link', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Kairos' })).toBeVisible();
});

test('renders the product, the gRPC endpoint from the env and a connection snippet', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('Kairos console');

  await expect(page.getByRole('banner').getByRole('heading', { level: 1, name: 'Kairos' })).toBeVisible();
  await expect(page.getByText(/durable execution that speaks the Temporal API/)).toBeVisible();
  await expect(
    page.getByRole('main').getByRole('heading', { level: 2, name: 'Connect an SDK' }),
  ).toBeVisible();
  await expect(page.getByTestId('grpc-endpoint')).toHaveText(grpcPublicAddress);

  const snippet = page.getByTestId('connection-snippet');
  await expect(snippet).toContainText("import { Client, Connection } from '@temporalio/client';");
  await expect(snippet).toContainText(`Connection.connect({\n  address: '${grpcPublicAddress}',\n});`);
  await expect(snippet).toContainText("new Client({ connection, namespace: 'default' })");
  await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeVisible();
  await waitForApiVerdict(page);
});

test.describe('clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the copy button puts the connection snippet on the clipboard', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Copy connection code' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied to clipboard' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId('connection-snippet').innerText());
    expect(copied).toContain(`address: '${grpcPublicAddress}'`);
  });
});

test('keyboard users reach every control in order, with a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await waitForApiVerdict(page);

  const expectedOrder = [
    page.getByRole('link', { name: 'Skip to main content' }),
    page.getByRole('link', { name: 'Sign up' }),
    page.getByRole('link', { name: 'Log in' }),
    page.getByRole('button', { name: 'Copy install command' }),
    page.getByRole('button', { name: 'Copy connection code' }),
    page.getByRole('link', { name: 'Temporal TypeScript SDK guide' }),
    page.getByRole('button', { name: 'Check again' }),
  ];
  for (const control of expectedOrder) {
    await page.keyboard.press('Tab');
    await expect(control).toBeFocused();
    await expect(control).toBeInViewport();
    // The focus ring comes from :focus-visible; a 0px or 'none' outline would be invisible.
    const outline = await control.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  }

  // The skip link moves focus past the header into the main landmark.
  for (let step = 1; step < expectedOrder.length; step++) await page.keyboard.press('Shift+Tab');
  await expect(expectedOrder[0]!).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copy install command' })).toBeFocused();
});

for (const viewport of [
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
]) {
  test(`fits and passes axe at ${viewport.width}px, screenshot saved`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await waitForApiVerdict(page);

    // Nothing may force sideways scrolling on a phone or leave the layout wider than the window.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(viewport.width);

    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map(({ id, help, nodes }) => ({ id, help, targets: nodes.map((n) => n.target) })),
    ).toEqual([]);

    await page.screenshot({ path: testInfo.outputPath(`landing-${viewport.width}.png`), fullPage: true });
  });
}

test('sends a nonce-based Content-Security-Policy and the hardening headers', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  const scriptSrc = /script-src [^;]+/.exec(headers['content-security-policy'] ?? '')?.[0];
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-powered-by']).toBeUndefined();
  // The page hydrated under that policy (a blocked script would also be logged, which the fixture
  // fails on): the client-side copy button reacts, whatever the clipboard allows.
  await page.getByRole('button', { name: 'Copy install command' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Copied|Could not copy/ })).toBeVisible();
});

test.describe('content security policy', () => {
  // The violation this test provokes is logged by Chromium; nothing else may be.
  test.use({
    allowedConsoleErrors: [/^Executing inline event handler violates the following Content Security Policy/],
  });

  test('the browser blocks script injected into the page', async ({ page }) => {
    await page.goto('/');
    const violatedDirective = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
            once: true,
          });
          // What an HTML injection bug would look like: markup carrying an inline handler.
          document.body.insertAdjacentHTML(
            'beforeend',
            '<img src="data:," onload="window.injected = true" alt="">',
          );
        }),
    );
    expect(violatedDirective).toMatch(/^script-src/);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
  });
});

test.describe('not found', () => {
  // Chromium logs the 404 of the document itself as a console error; that one is expected.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('an unknown address shows a 404 page that leads back home', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the Kairos console' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Kairos' })).toBeVisible();
  });
});

test('GET /api/healthz answers 200 with {"status":"ok"}', async ({ request }) => {
  const response = await request.get('/api/healthz');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toEqual({ status: 'ok' });
});
