import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/** Long enough for the api's 12-character minimum. */
export const testPassword = 'correct horse battery staple';

/** A lowercase suffix that keeps names unique across runs against a reused api. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface TestUser {
  email: string;
  password: string;
  accountName: string;
}

export function newTestUser(label: string): TestUser {
  const suffix = uniqueSuffix();
  return {
    email: `${label}-${suffix}@example.com`,
    password: testPassword,
    accountName: `${label} ${suffix}`,
  };
}

/**
 * Signs up through the form, as a visitor would. The api allows 10 sign-ups per hour from one
 * address, so the specs share users where they can.
 */
export async function signUp(page: Page, user: TestUser): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Account name', { exact: true }).fill(user.accountName);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL('/namespaces');
  await expect(page.getByTestId('signed-in-as')).toContainText(user.email);
}

export async function logIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function createNamespace(page: Page, name: string, retentionDays = 30): Promise<void> {
  await page.goto('/namespaces');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Retention (days)').fill(String(retentionDays));
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Namespace ${name} created.` })).toBeVisible();
}

/** Creates a key scoped to `namespace` and returns the secret the page reveals once. */
export async function createApiKey(
  page: Page,
  keyName: string,
  namespace: string,
  role: 'developer' | 'admin' = 'developer',
): Promise<string> {
  await page.goto('/api-keys');
  await page.getByLabel('Name', { exact: true }).fill(keyName);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Selected namespaces').check();
  await page.getByLabel(namespace, { exact: true }).check();
  await page.getByLabel('Expires after (days)').fill('30');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const revealed = page.getByTestId('revealed-api-key');
  await expect(revealed).toBeVisible();
  return (await revealed.innerText()).trim();
}

/** Waits until a page's data has loaded: no "Loading …" status left. */
export async function waitForData(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^Loading / })).toHaveCount(0);
}

/** Follows a link of the console's main navigation. */
export async function openSection(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Console' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: label === 'Audit log' ? 'Audit log' : label }),
  ).toBeVisible();
  await waitForData(page);
}
