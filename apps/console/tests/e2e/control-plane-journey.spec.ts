import { test, expect } from './fixtures.ts';
import { grpcPublicAddress } from './e2e-env.ts';
import {
  openSection,
  createApiKey,
  createNamespace,
  newTestUser,
  signUp,
  uniqueSuffix,
  waitForData,
} from './support/console-actions.ts';
import { grpcCodeOf, runGreeting, startWithKey } from './support/run-greeting.ts';

/** gRPC status UNAUTHENTICATED. */
const unauthenticated = 16;

// The invalid namespace name below is answered 400 on purpose; Chromium logs every 4xx fetch.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

test('sign up, create a namespace and a key, run a workflow with the SDK, see it, revoke the key', async ({
  page,
}) => {
  // Bundling the workflow for the SDK worker alone takes seconds of CPU on two cores.
  test.setTimeout(180_000);
  const user = newTestUser('journey');
  const namespace = `journey-${uniqueSuffix()}`;

  await test.step('sign up and land on an empty namespace list', async () => {
    await signUp(page, user);
    await expect(page.getByText('No namespaces yet.')).toBeVisible();
  });

  await test.step('the api explains a bad namespace name next to the field', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Not_Valid');
    await page.getByRole('button', { name: 'Create namespace' }).click();
    const nameErrors = page.getByTestId('field-error');
    await expect(nameErrors).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'name' })).toBeVisible();
  });

  await test.step('create the namespace', async () => {
    await createNamespace(page, namespace, 7);
    await expect(page.getByRole('row', { name: new RegExp(namespace) })).toContainText('7 days');
  });

  let key = '';
  await test.step('create an API key scoped to it; the secret is shown once', async () => {
    key = await createApiKey(page, 'journey worker', namespace);
    expect(key.length).toBeGreaterThan(20);
    await expect(page.getByText("you won't see it again")).toBeVisible();
    const row = page.getByTestId('api-key-row').filter({ hasText: 'journey worker' });
    await expect(row).toContainText(namespace);
    await expect(row).toContainText('Developer');
    await expect(row).toContainText('Never');
    await expect(row).toContainText('Active');
    // The list shows the prefix, never the secret.
    await expect(page.getByTestId('api-key-row').filter({ hasText: key })).toHaveCount(0);
    // Dismissed, the secret is gone from the page for good.
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.getByTestId('revealed-api-key')).toHaveCount(0);
  });

  let workflowId = '';
  await test.step('run a workflow with the official SDK using that key', async () => {
    const run = await runGreeting({ address: grpcPublicAddress, namespace, apiKey: key });
    expect(run.result).toBe('Hello, Kairos!');
    workflowId = run.workflowId;
  });

  await test.step('the namespace page shows how to connect and the completed run', async () => {
    await openSection(page, 'Namespaces');
    await page.getByRole('link', { name: namespace, exact: true }).click();
    await expect(page).toHaveURL(`/namespaces/${namespace}`);
    await expect(page.getByRole('heading', { level: 1, name: namespace })).toBeVisible();
    await expect(page.getByTestId('namespace-retention')).toHaveText('7 days');
    await expect(page.getByTestId('grpc-endpoint')).toHaveText(grpcPublicAddress);
    await expect(page.getByTestId('connection-snippet')).toHaveText(
      [
        "import { Client, Connection } from '@temporalio/client';",
        '',
        'const connection = await Connection.connect({',
        `  address: '${grpcPublicAddress}',`,
        '  apiKey: process.env.KAIROS_API_KEY,',
        '  tls: false,',
        '});',
        `const client = new Client({ connection, namespace: '${namespace}' });`,
      ].join('\n'),
    );
    const run = page.getByTestId('recent-workflow').filter({ hasText: workflowId });
    await expect(run).toContainText('greeting');
    await expect(run).toContainText('Completed');
  });

  await test.step('edit retention and description', async () => {
    await page.getByLabel('Retention (days)').fill('14');
    await page.getByLabel('Description', { exact: true }).fill('Orders, end to end');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    await expect(page.getByTestId('namespace-retention')).toHaveText('14 days');
    await expect(page.getByTestId('namespace-description')).toHaveText('Orders, end to end');
  });

  await test.step('the key shows when it was last used', async () => {
    await page.goto('/api-keys');
    await expect(page.getByTestId('api-key-row').filter({ hasText: 'journey worker' })).not.toContainText(
      'Never',
    );
  });

  await test.step('revoke the key through a keyboard-operable confirmation', async () => {
    const opener = page.getByRole('button', { name: 'Revoke journey worker' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Revoke journey worker?' });
    await expect(dialog).toBeVisible();
    // Focus starts on Cancel; Escape closes and hands focus back to the opener.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('api-key-row').filter({ hasText: 'journey worker' })).toContainText(
      'Revoked',
    );
  });

  await test.step('the SDK is refused with UNAUTHENTICATED once the key is revoked', async () => {
    const error = await startWithKey({ address: grpcPublicAddress, namespace, apiKey: key });
    expect(error, 'starting a workflow with a revoked key must fail').toBeDefined();
    expect(grpcCodeOf(error), String(error)).toBe(unauthenticated);
  });

  await test.step('the audit log records every change, newest first', async () => {
    await openSection(page, 'Audit log');
    const actions = await page.getByTestId('audit-row').locator('code').allInnerTexts();
    expect(actions).toEqual([
      'api_key.revoke',
      'namespace.update',
      'api_key.create',
      'namespace.create',
      'account.create',
    ]);
    await expect(page.getByTestId('audit-row').first()).toContainText(user.email);
  });

  await test.step('delete the namespace with confirmation', async () => {
    await page.goto(`/namespaces/${namespace}`);
    await page.getByRole('button', { name: `Delete ${namespace}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${namespace}?` });
    await expect(dialog).toContainText('has no open workflows');
    await dialog.getByRole('button', { name: 'Delete namespace' }).click();
    await expect(page).toHaveURL('/namespaces');
    await waitForData(page);
    await expect(page.getByText('No namespaces yet.')).toBeVisible();
  });
});
