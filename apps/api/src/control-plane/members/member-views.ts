import type { Role } from '../roles.ts';

/** What the console sees of members and invitations (dates as ISO strings, as tRPC sends them). */
export interface MemberView {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export function toMemberView(row: {
  role: Role;
  createdAt: Date;
  user: { id: string; email: string };
}): MemberView {
  return {
    userId: row.user.id,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}

export function toInvitationView(row: {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Pending = neither accepted nor revoked, and not expired. */
export function pendingInvitationFilter(now: Date) {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
}
