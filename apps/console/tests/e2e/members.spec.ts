import { test, expect } from './fixtures.ts';
import { newTestUser, signUp, uniqueSuffix, waitForData, openSection } from './support/console-actions.ts';

test('an owner invites people, changes a role, removes a member and withdraws an invitation', async ({
  page,
  browser,
}) => {
  const owner = newTestUser('owner');
  const colleague = newTestUser('colleague');
  const newcomer = `newcomer-${uniqueSuffix()}@example.com`;

  // The colleague already has a Kairos login (in their own browser), so an invitation adds them at once.
  const colleagueContext = await browser.newContext();
  try {
    await signUp(await colleagueContext.newPage(), colleague);
  } finally {
    await colleagueContext.close();
  }

  await signUp(page, owner);
  await openSection(page, 'Members');
  await expect(page.getByTestId('member-row')).toHaveCount(1);
  await expect(page.getByTestId('member-row')).toContainText(`${owner.email} (you)`);
  await expect(page.getByText('No pending invitations.')).toBeVisible();

  await test.step('invite someone without a login: a pending invitation', async () => {
    await page.getByLabel('Email', { exact: true }).fill(newcomer);
    await page.getByLabel('Role', { exact: true }).selectOption('read_only');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `Invitation for ${newcomer} created.` }),
    ).toBeVisible();
    const invitation = page.getByTestId('invitation-row').filter({ hasText: newcomer });
    await expect(invitation).toContainText('Read-only');
  });

  await test.step('invite someone with a login: a member at once', async () => {
    await page.getByLabel('Email', { exact: true }).fill(colleague.email);
    await page.getByLabel('Role', { exact: true }).selectOption('developer');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `${colleague.email} already had a login and is now a member.` }),
    ).toBeVisible();
    await expect(page.getByTestId('member-row').filter({ hasText: colleague.email })).toBeVisible();
  });

  await test.step('change the member’s role', async () => {
    await page.getByLabel(`Role of ${colleague.email}`).selectOption('admin');
    await page.getByRole('button', { name: `Save role of ${colleague.email}` }).click();
    await waitForData(page);
    await expect(page.getByLabel(`Role of ${colleague.email}`)).toHaveValue('admin');
    // Reloaded from the api, not just the select's local state.
    await page.reload();
    await expect(page.getByLabel(`Role of ${colleague.email}`)).toHaveValue('admin');
  });

  await test.step('remove the member after confirming', async () => {
    await page.getByRole('button', { name: `Remove ${colleague.email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${colleague.email}?` });
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('member-row').filter({ hasText: colleague.email })).toHaveCount(0);
  });

  await test.step('withdraw the pending invitation', async () => {
    await page.getByRole('button', { name: `Withdraw invitation for ${newcomer}` }).click();
    await expect(page.getByText('No pending invitations.')).toBeVisible();
  });

  await test.step('the audit log shows the member changes', async () => {
    await page.goto('/audit');
    await waitForData(page);
    const actions = await page.getByTestId('audit-row').locator('code').allInnerTexts();
    expect(actions.slice(0, 4)).toEqual([
      'invitation.revoke',
      'member.remove',
      'member.role_change',
      'member.invite',
    ]);
  });
});
