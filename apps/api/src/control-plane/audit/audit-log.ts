import type { Prisma, PrismaClient } from '@kairos/db';
import { Internal } from '@kairos/errors';
import type { Actor } from '../actor.ts';
import type { Db } from '../db.ts';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.ts';

/** Every state-changing console action; the console shows these names. */
export type AuditAction =
  | 'account.create'
  | 'member.invite'
  | 'member.role_change'
  | 'member.remove'
  | 'invitation.revoke'
  | 'namespace.create'
  | 'namespace.update'
  | 'namespace.delete'
  | 'api_key.create'
  | 'api_key.revoke'
  | 'quota.update'
  | 'workflow.signal'
  | 'workflow.cancel'
  | 'workflow.terminate'
  | 'workflow.reset';

export interface AuditEntryInput {
  action: AuditAction;
  targetType: 'account' | 'member' | 'invitation' | 'namespace' | 'api_key' | 'quota' | 'workflow';
  targetId: string | null;
  /** Plain facts about the change; never a password, key, token or hash. */
  details: Record<string, Prisma.InputJsonValue | null>;
}

export interface AuditEntryView {
  id: string;
  actor: { type: string; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

// A last line of defence: a caller that passes something named like a secret is a bug, not data.
const SECRET_NAME = /pass(word)?|secret|token|hash|^key$|apikey|cookie/i;

function assertNoSecrets(details: unknown, path = 'details'): void {
  if (typeof details !== 'object' || details === null) return;
  for (const [name, value] of Object.entries(details)) {
    if (SECRET_NAME.test(name))
      throw new Internal('refused to write a secret-looking field to the audit log', {
        cause: new Error(`${path}.${name}`),
      });
    assertNoSecrets(value, `${path}.${name}`);
  }
}

/** Appends one entry; call it with the transaction that makes the change so both commit together. */
export async function writeAuditEntry(tx: Db, actor: Actor, entry: AuditEntryInput): Promise<void> {
  assertNoSecrets(entry.details);
  await tx.auditLogEntry.create({
    data: {
      accountId: actor.accountId,
      actorType: 'user',
      actorId: actor.userId,
      actorLabel: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
    },
  });
}

/** One account's entries, newest first, `limit` per page. */
export async function listAuditEntries(
  prisma: PrismaClient,
  accountId: string,
  page: { cursor?: string; limit: number },
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const before = page.cursor === undefined ? undefined : decodeAuditCursor(page.cursor);
  const rows = await prisma.auditLogEntry.findMany({
    where: { accountId, ...(before === undefined ? {} : { id: { lt: before } }) },
    orderBy: { id: 'desc' },
    take: page.limit + 1,
  });
  const entries = rows.slice(0, page.limit);
  const last = entries[entries.length - 1];
  return {
    entries: entries.map((row) => ({
      id: row.id.toString(),
      actor: { type: row.actorType, label: row.actorLabel },
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details as Record<string, unknown>,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > page.limit && last ? encodeAuditCursor(last.id) : null,
  };
}
