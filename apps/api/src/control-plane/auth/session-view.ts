import type { PrismaClient } from '@kairos/db';
import { NotFound } from '@kairos/errors';
import type { Role } from '../roles.ts';
import type { ActiveSession, Plan, SessionStore } from './sessions.ts';

/** auth.session's answer: who is signed in, the selected account, and every account they can switch to. */
export interface SessionView {
  user: { id: string; email: string };
  account: { id: string; name: string; plan: Plan };
  role: Role;
  accounts: { id: string; name: string; role: Role }[];
  csrfToken: string;
}

export async function describeSession(prisma: PrismaClient, session: ActiveSession): Promise<SessionView> {
  const memberships = await prisma.membership.findMany({
    where: { userId: session.user.id },
    include: { account: true },
    orderBy: { createdAt: 'asc' },
  });
  return {
    user: session.user,
    account: session.account,
    role: session.role,
    accounts: memberships.map((membership) => ({
      id: membership.account.id,
      name: membership.account.name,
      role: membership.role,
    })),
    csrfToken: session.csrfToken,
  };
}

/** Points the session at another account of the user; NOT_FOUND for accounts they are not in. */
export async function switchAccount(
  prisma: PrismaClient,
  sessions: SessionStore,
  session: ActiveSession,
  accountId: string,
): Promise<ActiveSession> {
  const membership = await prisma.membership.findUnique({
    where: { accountId_userId: { accountId, userId: session.user.id } },
    include: { account: true },
  });
  if (!membership) throw new NotFound(`account ${accountId} is not found`);
  await sessions.selectAccount(session.id, accountId);
  return {
    ...session,
    account: { id: membership.account.id, name: membership.account.name, plan: membership.account.plan },
    role: membership.role,
  };
}
