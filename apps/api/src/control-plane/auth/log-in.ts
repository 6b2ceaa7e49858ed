import type { PrismaClient } from '@kairos/db';
import { FailedPrecondition, Unauthenticated } from '@kairos/errors';
import type { SignedIn } from '../accounts/sign-up.ts';
import { inTransaction } from '../db.ts';
import { acceptPendingInvitations } from '../members/invitations.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import type { SessionStore } from './sessions.ts';

/**
 * Checks the password and opens a session in the user's first account (the console can switch).
 * Unknown email and wrong password get the same answer after about the same time, so the answer
 * never tells whether an email has a user.
 */
export async function logIn(
  prisma: PrismaClient,
  sessions: SessionStore,
  throttle: AuthThrottle,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignedIn> {
  const email = input.email.toLowerCase();
  throttle.assertLogInAllowed(input.ip, email);
  const user = await prisma.user.findUnique({ where: { email } });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !matches) {
    throttle.recordLogInFailure(input.ip, email);
    throw new Unauthenticated('email or password is wrong');
  }
  throttle.recordLogInSuccess(input.ip, email);
  return inTransaction(prisma, async (tx) => {
    await acceptPendingInvitations(tx, user, now);
    const membership = await tx.membership.findFirst({
      where: { userId: user.id },
      orderBy: { createdAt: 'asc' },
      include: { account: true },
    });
    if (!membership)
      throw new FailedPrecondition(
        `${email} belongs to no account any more; ask an account admin to invite you`,
      );
    const session = await sessions.create(tx, { userId: user.id, accountId: membership.accountId });
    return {
      user: { id: user.id, email },
      account: { id: membership.account.id, name: membership.account.name },
      session,
    };
  });
}
