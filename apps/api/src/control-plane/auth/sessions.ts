import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@kairos/db';
import type { Db } from '../db.ts';
import type { Role } from '../roles.ts';

/** Sessions last 7 days from sign-in (not sliding): a stolen cookie is useful for a bounded time. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is informational; writing it on every request would turn each read into a write. */
const LAST_SEEN_WRITE_INTERVAL_MS = 5 * 60 * 1000;

export type Plan = 'free' | 'standard' | 'enterprise';

/** A signed-in session, as every request sees it (role read fresh, so a role change applies at once). */
export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string };
  account: { id: string; name: string; plan: Plan };
  role: Role;
}

/** 32 random bytes, base64url: the cookie value. Only its SHA-256 is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewSession {
  /** For the cookie only: never stored or logged. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export class SessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(db: Db, owner: { userId: string; accountId: string }): Promise<NewSession> {
    const token = newSecretToken();
    const csrfToken = newSecretToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.session.create({
      data: {
        tokenHash: hashSessionToken(token),
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ...owner,
      },
    });
    return { token, csrfToken, expiresAt };
  }

  /**
   * The session a cookie names, or null when it is unknown, expired, or its user is no longer a member
   * of the account it selected (removed members lose access at once; such rows are deleted).
   */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (token.length === 0 || token.length > 200) return null;
    const row = await this.prisma.session.findUnique({
      where: { tokenHash: hashSessionToken(token) },
      include: { user: true },
    });
    if (!row) return null;
    const now = this.now();
    if (row.expiresAt <= now) {
      await this.prisma.session.deleteMany({ where: { id: row.id } });
      return null;
    }
    const membership = await this.prisma.membership.findUnique({
      where: { accountId_userId: { accountId: row.accountId, userId: row.userId } },
      include: { account: true },
    });
    if (!membership) {
      await this.prisma.session.deleteMany({ where: { id: row.id } });
      return null;
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS)
      await this.prisma.session.updateMany({ where: { id: row.id }, data: { lastSeenAt: now } });
    return {
      id: row.id,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      user: { id: row.user.id, email: row.user.email },
      account: { id: membership.account.id, name: membership.account.name, plan: membership.account.plan },
      role: membership.role,
    };
  }

  async delete(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }

  async selectAccount(sessionId: string, accountId: string): Promise<void> {
    await this.prisma.session.update({ where: { id: sessionId }, data: { accountId } });
  }
}
