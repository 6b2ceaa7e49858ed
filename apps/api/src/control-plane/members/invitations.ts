import type { PrismaClient } from '@kairos/db';
import { AlreadyExists, NotFound } from '@kairos/errors';
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

/** Invitations wait two weeks for the person to sign up or log in (no email is sent). */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export type InviteResult =
  { kind: 'member'; member: MemberView } | { kind: 'invitation'; invitation: InvitationView };

/**
 * Invites an email into the actor's account. A person who already has a Kairos user becomes a member
 * at once; anyone else gets an invitation that is accepted when they sign up or log in.
 */
export async function inviteMember(
  prisma: PrismaClient,
  actor: Actor,
  input: { email: string; role: Role },
  now: Date,
): Promise<InviteResult> {
  requireRole(actor.role, 'admin', 'inviting members');
  if (input.role === 'owner') requireRole(actor.role, 'owner', 'inviting an owner');
  const email = input.email.toLowerCase();
  return inTransaction(prisma, async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (user) {
      const existing = await tx.membership.findUnique({
        where: { accountId_userId: { accountId: actor.accountId, userId: user.id } },
      });
      if (existing) throw new AlreadyExists(`${email} is already a member of this account`);
      const membership = await tx.membership.create({
        data: { accountId: actor.accountId, userId: user.id, role: input.role },
      });
      await writeAuditEntry(tx, actor, {
        action: 'member.invite',
        targetType: 'member',
        targetId: user.id,
        details: { email, role: input.role, added: 'directly' },
      });
      return { kind: 'member', member: toMemberView({ ...membership, user }) };
    }
    const pending = await tx.invitation.findFirst({
      where: { accountId: actor.accountId, email, ...pendingInvitationFilter(now) },
    });
    if (pending) throw new AlreadyExists(`an invitation for ${email} is already pending`);
    const invitation = await tx.invitation.create({
      data: {
        accountId: actor.accountId,
        email,
        role: input.role,
        invitedByUserId: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      },
    });
    await writeAuditEntry(tx, actor, {
      action: 'member.invite',
      targetType: 'invitation',
      targetId: invitation.id,
      details: { email, role: input.role, added: 'invitation' },
    });
    return { kind: 'invitation', invitation: toInvitationView(invitation) };
  });
}

export async function revokeInvitation(
  prisma: PrismaClient,
  actor: Actor,
  invitationId: string,
  now: Date,
): Promise<InvitationView> {
  requireRole(actor.role, 'admin', 'revoking invitations');
  return inTransaction(prisma, async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, accountId: actor.accountId, ...pendingInvitationFilter(now) },
    });
    if (!invitation) throw new NotFound(`invitation ${invitationId} is not found (or no longer pending)`);
    const revoked = await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await writeAuditEntry(tx, actor, {
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: invitation.id,
      details: { email: invitation.email, role: invitation.role },
    });
    return toInvitationView(revoked);
  });
}

/**
 * Turns every pending invitation for the user's email into a membership (on sign-up and log-in).
 * An existing membership is kept as it is: an invitation never changes someone's role.
 */
export async function acceptPendingInvitations(
  tx: Db,
  user: { id: string; email: string },
  now: Date,
): Promise<void> {
  const invitations = await tx.invitation.findMany({
    where: { email: user.email, ...pendingInvitationFilter(now) },
    orderBy: { createdAt: 'asc' },
  });
  for (const invitation of invitations) {
    await tx.membership.createMany({
      data: [{ accountId: invitation.accountId, userId: user.id, role: invitation.role }],
      skipDuplicates: true,
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
  }
}
