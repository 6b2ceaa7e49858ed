import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { grpcPublicAddress } from './e2e-env.ts';
import {
  createApiKey,
  createNamespace,
  newTestUser,
  signUp,
  uniqueSuffix,
  waitForData,
} from './support/console-actions.ts';
import { expectAccessible } from './support/expect-accessible.ts';
import { startRunWithKeyword } from './support/workflow-with-attribute.ts';

// The bad filter below is answered 400 on purpose; Chromium logs every 4xx fetch.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 400/] });

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('find a run by a custom attribute, read its history, terminate it with confirmation', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const namespace = `wf-${uniqueSuffix()}`;
  const attribute = { name: 'OrderRegion', value: `eu-${uniqueSuffix()}` };

  await signUp(page, newTestUser('workflows'));
  await createNamespace(page, namespace);
  // An admin key: registering search attributes is a namespace-admin call.
  const apiKey = await createApiKey(page, 'workflows e2e', namespace, 'admin');
  const run = await startRunWithKeyword({ address: grpcPublicAddress, namespace, apiKey }, attribute);

  await test.step('the namespace page links to its workflows', async () => {
    await page.goto(`/namespaces/${namespace}`);
    await page.getByRole('link', { name: 'Search workflows' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Workflows in ${namespace}` })).toBeVisible();
    await waitForData(page);
  });

  const filter = page.getByRole('combobox', { name: 'Filter' });
  await test.step('a bad filter is explained inline with its position', async () => {
    await filter.fill("WorkflowType = 'x' AND");
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('query-error')).toContainText(/at position \d+/);
    await expect(filter).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, testInfo, 'workflows-query-error');
  });

  await test.step('attribute names are completed while typing', async () => {
    await filter.fill('');
    await filter.pressSequentially('OrderR');
    await expect(page.getByRole('option', { name: attribute.name })).toBeVisible();
    await filter.press('Enter');
    await expect(filter).toHaveValue(`${attribute.name} `);
  });

  await test.step('the run is found by its custom attribute (once indexed)', async () => {
    await filter.fill(`${attribute.name} = '${attribute.value}'`);
    // Indexing is asynchronous (history → bus → indexer): search again until the row is there.
    await expect(async () => {
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByTestId('workflow-row')).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('workflow-row')).toContainText(run.workflowId);
    await expect(page.getByTestId('facet-Running')).toContainText('1');
    await screenshot(page, testInfo, 'workflows-list');
  });

  await test.step('a status facet narrows the filter', async () => {
    await page.getByTestId('facet-Running').click();
    await expect(filter).toHaveValue(
      `${attribute.name} = '${attribute.value}' AND ExecutionStatus = 'Running'`,
    );
    await expect(page.getByTestId('workflow-row')).toHaveCount(1);
    await page.getByTestId('facet-Completed').click();
    await expect(filter).toHaveValue(
      `${attribute.name} = '${attribute.value}' AND ExecutionStatus = 'Completed'`,
    );
    await expect(page.getByText('No workflows match.')).toBeVisible();
  });

  await test.step('chosen columns and saved views outlive a reload', async () => {
    await filter.fill(`${attribute.name} = '${attribute.value}'`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByLabel(attribute.name, { exact: true }).check();
    await expect(page.getByRole('columnheader', { name: attribute.name })).toBeVisible();
    await expect(page.getByTestId('workflow-row')).toContainText(attribute.value);
    await page.getByLabel('Save this view as').fill('EU orders');
    await page.getByRole('button', { name: 'Save view' }).click();
    await expect(page.getByRole('button', { name: 'EU orders', exact: true })).toBeVisible();

    await page.reload();
    await waitForData(page);
    await expect(page.getByRole('columnheader', { name: attribute.name })).toBeVisible();
    await expect(page.getByTestId('workflow-total')).toHaveText(/workflows?$/);
    await page.getByRole('button', { name: 'EU orders', exact: true }).click();
    await expect(filter).toHaveValue(`${attribute.name} = '${attribute.value}'`);
    await expect(page.getByTestId('workflow-row')).toHaveCount(1);
    for (const viewport of [
      { width: 375, height: 812 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      await expectAccessible(page, 'workflows list');
    }
  });

  await test.step('its page shows the input, the attribute and the history', async () => {
    await page.getByRole('link', { name: run.workflowId }).click();
    await expect(page.getByRole('heading', { level: 1, name: run.workflowId })).toBeVisible();
    await waitForData(page);
    await expect(page.getByTestId('workflow-status')).toHaveText('Running');
    await expect(page.getByLabel('Input 1')).toContainText('"order": 42');
    await expect(page.getByText(attribute.value)).toBeVisible();
    await expect(page.getByTestId('history-event').first()).toContainText('WorkflowExecutionStarted');
    await page.getByRole('button', { name: 'WorkflowExecutionStarted' }).click();
    await expect(page.getByText('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED')).toBeVisible();
    await page.getByRole('button', { name: 'Timeline' }).click();
    await expect(page.getByTestId('history-timeline')).toContainText('Workflow task');
    await screenshot(page, testInfo, 'workflow-detail');
    await page.getByRole('button', { name: 'Table' }).click();
    for (const viewport of [
      { width: 375, height: 812 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      await expectAccessible(page, 'workflow detail');
    }
  });

  await test.step('terminate behind a confirmation; the status becomes Terminated', async () => {
    await page.getByRole('button', { name: 'Terminate…' }).click();
    const dialog = page.getByRole('dialog', { name: `Terminate ${run.workflowId}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Reason').fill('console e2e');
    await screenshot(page, testInfo, 'workflow-terminate-dialog');
    await dialog.getByRole('button', { name: 'Terminate workflow' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('workflow-status')).toHaveText('Terminated');
    await expect(page.getByText('Reason: console e2e')).toBeVisible();
    await expect(page.getByTestId('history-event').last()).toContainText('WorkflowExecutionTerminated');
    await screenshot(page, testInfo, 'workflow-terminated');
  });
});
