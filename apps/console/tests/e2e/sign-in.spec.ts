import { test, expect } from './fixtures.ts';
import { logIn, newTestUser, signUp } from './support/console-actions.ts';

// Wrong credentials (401) and a too-short password (400) are answered on purpose; Chromium logs them.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 40[01]/] });

test('a signed-out visitor is sent to log in and comes back to the page asked for', async ({ page }) => {
  await page.goto('/api-keys');
  await expect(page).toHaveURL('/login?next=%2Fapi-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Kairos' })).toBeVisible();
});

test('sign-up explains a short password next to the field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill('short-password@example.com');
  await page.getByLabel('Password', { exact: true }).fill('too short');
  await page.getByLabel('Account name', { exact: true }).fill('Short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-errors'));
  expect(errorId, 'the message is tied to the field').toBeDefined();
  await expect(page.locator(`[id="${errorId}"]`)).toContainText('12');
  await expect(page).toHaveURL('/signup');
});

test('log out, log in with a wrong then the right password, land where asked', async ({ page }) => {
  const user = newTestUser('sign-in');
  await signUp(page, user);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL('/login');
  await page.goto('/members');
  await expect(page).toHaveURL('/login?next=%2Fmembers');

  await logIn(page, { ...user, password: 'not the right password' });
  await expect(page.getByRole('alert').filter({ hasText: 'email or password is wrong' })).toBeVisible();
  await expect(page).toHaveURL('/login?next=%2Fmembers');

  await logIn(page, user);
  await expect(page).toHaveURL('/members');
  await expect(page.getByTestId('signed-in-as')).toContainText(user.email);

  // Signed in, the log-in page has nothing to offer and moves on.
  await page.goto('/login?next=%2Fquotas');
  await expect(page).toHaveURL('/quotas');
  // An absolute URL in `next` is not followed off the site.
  await page.goto('/login?next=https%3A%2F%2Fexample.com%2F');
  await expect(page).toHaveURL('/namespaces');
});
