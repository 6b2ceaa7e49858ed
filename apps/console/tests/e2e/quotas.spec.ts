import { test, expect } from './fixtures.ts';
import {
  createNamespace,
  newTestUser,
  signUp,
  uniqueSuffix,
  waitForData,
  openSection,
} from './support/console-actions.ts';

// The out-of-range value below is answered 400 on purpose; Chromium logs every 4xx fetch.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

test('an admin overrides a namespace quota and puts it back to the plan value', async ({ page }) => {
  const namespace = `quotas-${uniqueSuffix()}`;
  await signUp(page, newTestUser('quotas'));
  await createNamespace(page, namespace);

  await openSection(page, 'Quotas');
  const row = page.getByTestId('quota-row').filter({ hasText: namespace });
  // A new account is on the standard plan: 400 requests/s, 200 actions/s.
  await expect(row).toContainText('400/s');
  await expect(row).toContainText('200/s');
  await expect(row.getByText('Override')).toHaveCount(0);

  await row.getByRole('button', { name: `Edit quotas of ${namespace}` }).click();
  await expect(page.getByRole('heading', { name: `Quotas of ${namespace}` })).toBeFocused();

  await test.step('an out-of-range value is explained next to its field', async () => {
    await page.getByLabel('Requests per second').fill('0');
    await page.getByRole('button', { name: 'Save quotas' }).click();
    await expect(page.getByLabel('Requests per second')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('field-error')).toBeVisible();
  });

  await test.step('an override replaces the plan value', async () => {
    await page.getByLabel('Requests per second').fill('123');
    await page.getByRole('button', { name: 'Save quotas' }).click();
    await expect(row).toContainText('123/s');
    await expect(row.getByText('Override')).toHaveCount(1);
  });

  await test.step('an emptied field goes back to the plan', async () => {
    await row.getByRole('button', { name: `Edit quotas of ${namespace}` }).click();
    await expect(page.getByLabel('Requests per second')).toHaveValue('123');
    await page.getByLabel('Requests per second').fill('');
    await page.getByRole('button', { name: 'Save quotas' }).click();
    await expect(row).toContainText('400/s');
    await expect(row.getByText('Override')).toHaveCount(0);
  });

  await page.goto('/audit');
  await waitForData(page);
  await expect(page.getByTestId('audit-row').locator('code').first()).toHaveText('quota.update');
});
