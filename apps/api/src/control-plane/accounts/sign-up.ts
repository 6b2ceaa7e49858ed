import type { PrismaClient } from '@kairos/db';
import { AlreadyExists } from '@kairos/errors';
import { writeAuditEntry } from '../audit/audit-log.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { NewSession, SessionStore } from '../auth/sessions.ts';
import { inTransaction, isUniqueViolation } from '../db.ts';
import { acceptPendingInvitations } from '../members/invitations.ts';

export interface SignedIn {
  user: { id: string; email: string };
  account: { id: string; name: string };
  session: NewSession;
}

/**
 * A new user with their own account (standard plan, the user as owner), signed in. Pending invitations
 * for the email are accepted in the same transaction, so invited people who sign up see both accounts.
 */
export async function signUp(
  prisma: PrismaClient,
  sessions: SessionStore,
  input: { email: string; password: string; accountName: string },
  now: Date,
): Promise<SignedIn> {
  const email = input.email.toLowerCase();
  const taken = () => new AlreadyExists(`email ${email} is already registered; log in instead`);
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(prisma, async (tx) => {
      const account = await tx.account.create({ data: { name: input.accountName, plan: 'standard' } });
      const user = await tx.user.create({ data: { email, passwordHash } });
      await tx.membership.create({ data: { accountId: account.id, userId: user.id, role: 'owner' } });
      await writeAuditEntry(
        tx,
        { userId: user.id, email, accountId: account.id, role: 'owner' },
        {
          action: 'account.create',
          targetType: 'account',
          targetId: account.id,
          details: { name: account.name, plan: account.plan },
        },
      );
      await acceptPendingInvitations(tx, user, now);
      const session = await sessions.create(tx, { userId: user.id, accountId: account.id });
      return { user: { id: user.id, email }, account: { id: account.id, name: account.name }, session };
    });
  } catch (error) {
    // Two sign-ups for one email at once: the unique index decides, the loser hears CONFLICT.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
