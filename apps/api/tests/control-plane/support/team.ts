import { randomUUID } from 'node:crypto';
import type { ConsoleClient } from './console-client.ts';
import type { ControlPlaneUnderTest } from './control-plane-under-test.ts';

export const PASSWORD = 'correct horse battery staple';

export interface SignedInClient {
  client: ConsoleClient;
  email: string;
  userId: string;
  accountId: string;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function signUp(
  server: ControlPlaneUnderTest,
  label: string,
  accountName = `${label} inc`,
): Promise<SignedInClient> {
  const client = server.client();
  const email = uniqueEmail(label);
  const data = await client.ok<{ user: { id: string }; account: { id: string } }>('mutation', 'auth.signUp', {
    email,
    password: PASSWORD,
    accountName,
  });
  return { client, email, userId: data.user.id, accountId: data.account.id };
}

export interface Team {
  owner: SignedInClient;
  admin: SignedInClient;
  developer: SignedInClient;
  readOnly: SignedInClient;
  accountId: string;
}

/**
 * An account with one member per role: the owner signs up, invites the others, who sign up (accepting
 * the invitation) and switch to the owner's account.
 */
export async function createTeam(server: ControlPlaneUnderTest, label: string): Promise<Team> {
  const owner = await signUp(server, `${label}-owner`);
  const member = async (role: 'admin' | 'developer' | 'read_only') => {
    const email = uniqueEmail(`${label}-${role}`);
    await owner.client.ok('mutation', 'members.invite', { email, role });
    const client = server.client();
    const data = await client.ok<{ user: { id: string } }>('mutation', 'auth.signUp', {
      email,
      password: PASSWORD,
      accountName: `${label} ${role} own`,
    });
    await client.ok('mutation', 'auth.switchAccount', { accountId: owner.accountId });
    return { client, email, userId: data.user.id, accountId: owner.accountId };
  };
  return {
    owner,
    admin: await member('admin'),
    developer: await member('developer'),
    readOnly: await member('read_only'),
    accountId: owner.accountId,
  };
}
