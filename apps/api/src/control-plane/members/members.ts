import type { PrismaClient } from '@kairos/db';
import { FailedPrecondition, NotFound } from '@kairos/errors';
import type { Actor } from '../actor.ts';
import { writeAuditEntry } from '../audit/audit-log.ts';
import { inTransaction, type Db } from '../db.ts';
import { requireRole, type Role } from '../roles.ts';
import {
  pendingInvitationFilter,
  toInvitationView,
  toMemberView,
  type InvitationView,
  type MemberView,
} from './member-views.ts';

export async function listMembers(
  prisma: PrismaClient,
  actor: Actor,
  now: Date,
): Promise<{ members: MemberView[]; invitations: InvitationView[] }> {
  const [memberships, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { accountId: actor.accountId },
      include: { user: true },
      orderBy: { createdAt: 'asc' },
    }),
    prisma.invitation.findMany({
      where: { accountId: actor.accountId, ...pendingInvitationFilter(now) },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  return { members: memberships.map(toMemberView), invitations: invitations.map(toInvitationView) };
}

async function findMember(tx: Db, accountId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { accountId_userId: { accountId, userId } },
    include: { user: true },
  });
  if (!membership) throw new NotFound(`member ${userId} is not found`);
  return membership;
}

/** Refuses a change that would leave the account without an owner. */
async function assertAnotherOwner(tx: Db, accountId: string, what: string): Promise<void> {
  // Lock the account's owner rows so two concurrent demotions cannot both see "another owner".
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM memberships WHERE account_id = ${accountId}::uuid AND role = 'owner' FOR UPDATE`;
  if (owners.length <= 1) throw new FailedPrecondition(`${what}: an account must keep at least one owner`);
}

export async function changeMemberRole(
  prisma: PrismaClient,
  actor: Actor,
  input: { userId: string; role: Role },
): Promise<MemberView> {
  requireRole(actor.role, 'admin', 'changing roles');
  return inTransaction(prisma, async (tx) => {
    const member = await findMember(tx, actor.accountId, input.userId);
    if (member.role === 'owner' || input.role === 'owner')
      requireRole(actor.role, 'owner', 'granting or changing the owner role');
    if (member.role === input.role) return toMemberView(member);
    if (member.role === 'owner')
      await assertAnotherOwner(tx, actor.accountId, 'cannot demote the last owner');
    const updated = await tx.membership.update({
      where: { accountId_userId: { accountId: actor.accountId, userId: input.userId } },
      data: { role: input.role },
      include: { user: true },
    });
    await writeAuditEntry(tx, actor, {
      action: 'member.role_change',
      targetType: 'member',
      targetId: input.userId,
      details: { email: member.user.email, from: member.role, to: input.role },
    });
    return toMemberView(updated);
  });
}

/** Admins remove others (owners only by an owner); anyone may leave. Their sessions in the account end. */
export async function removeMember(prisma: PrismaClient, actor: Actor, userId: string): Promise<void> {
  const leaving = userId === actor.userId;
  if (!leaving) requireRole(actor.role, 'admin', 'removing members');
  await inTransaction(prisma, async (tx) => {
    const member = await findMember(tx, actor.accountId, userId);
    if (member.role === 'owner') {
      if (!leaving) requireRole(actor.role, 'owner', 'removing an owner');
      await assertAnotherOwner(tx, actor.accountId, 'cannot remove the last owner');
    }
    await tx.membership.delete({ where: { accountId_userId: { accountId: actor.accountId, userId } } });
    await tx.session.deleteMany({ where: { userId, accountId: actor.accountId } });
    await writeAuditEntry(tx, actor, {
      action: 'member.remove',
      targetType: 'member',
      targetId: userId,
      details: { email: member.user.email, role: member.role },
    });
  });
}
