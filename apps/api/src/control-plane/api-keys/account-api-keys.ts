import type { PrismaClient } from '@kairos/db';
import { NotFound, PermissionDenied } from '@kairos/errors';
import type { Actor } from '../actor.ts';
import { writeAuditEntry } from '../audit/audit-log.ts';
import { inTransaction, type Db } from '../db.ts';
import { requireRole, roleAtLeast, type Role } from '../roles.ts';
import { mintApiKey } from './api-key-secret.ts';

export type ApiKeyRole = Exclude<Role, 'owner'>;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  allNamespaces: boolean;
  namespaces: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdBy: string | null;
}

export type ApiKeyScope = { all: true } | { namespaces: string[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The api_keys columns a view needs (@kairos/db does not export the generated ApiKey type). */
interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  allNamespaces: boolean;
  namespaceIds: string[];
  createdByUserId: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Lists of keys show namespace names and creator emails; both are looked up in one query each. */
async function toViews(db: Db, rows: ApiKeyRow[]): Promise<ApiKeyView[]> {
  const namespaceIds = [...new Set(rows.flatMap((row) => row.namespaceIds))];
  const userIds = [...new Set(rows.flatMap((row) => (row.createdByUserId ? [row.createdByUserId] : [])))];
  const [namespaces, users] = await Promise.all([
    namespaceIds.length === 0 ? [] : db.namespace.findMany({ where: { id: { in: namespaceIds } } }),
    userIds.length === 0 ? [] : db.user.findMany({ where: { id: { in: userIds } } }),
  ]);
  const namespaceName = new Map(namespaces.map((namespace) => [namespace.id, namespace.name]));
  const userEmail = new Map(users.map((user) => [user.id, user.email]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    allNamespaces: row.allNamespaces,
    namespaces: row.namespaceIds.flatMap((id) => {
      const name = namespaceName.get(id);
      return name === undefined ? [] : [name];
    }),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    createdBy: row.createdByUserId ? (userEmail.get(row.createdByUserId) ?? null) : null,
  }));
}

async function toView(db: Db, row: ApiKeyRow): Promise<ApiKeyView> {
  const [view] = await toViews(db, [row]);
  return view!;
}

export class AccountApiKeys {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Mints a key; the whole key is in the answer once and nowhere else (only its hash is stored). */
  async create(
    actor: Actor,
    input: { name: string; role: ApiKeyRole; scope: ApiKeyScope; expiresInDays: number },
  ): Promise<{ key: string; apiKey: ApiKeyView }> {
    requireRole(actor.role, 'developer', 'creating API keys');
    if (!roleAtLeast(actor.role, input.role))
      throw new PermissionDenied(
        `an API key's role may not exceed yours: you are ${actor.role}, asked for ${input.role}`,
      );
    return inTransaction(this.prisma, async (tx) => {
      const namespaceIds =
        'all' in input.scope ? [] : await this.resolveNamespaces(tx, actor, input.scope.namespaces);
      const minted = mintApiKey();
      const row = await tx.apiKey.create({
        data: {
          accountId: actor.accountId,
          name: input.name,
          prefix: minted.prefix,
          secretHash: minted.secretHash,
          role: input.role,
          allNamespaces: 'all' in input.scope,
          namespaceIds,
          createdByUserId: actor.userId,
          expiresAt: new Date(this.now().getTime() + input.expiresInDays * DAY_MS),
        },
      });
      const apiKey = await toView(tx, row);
      await writeAuditEntry(tx, actor, {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: row.id,
        details: {
          name: row.name,
          prefix: row.prefix,
          role: row.role,
          allNamespaces: row.allNamespaces,
          namespaces: apiKey.namespaces,
          expiresAt: apiKey.expiresAt,
        },
      });
      return { key: minted.key, apiKey };
    });
  }

  async list(actor: Actor): Promise<ApiKeyView[]> {
    const rows = await this.prisma.apiKey.findMany({
      where: { accountId: actor.accountId },
      orderBy: { createdAt: 'desc' },
    });
    return toViews(this.prisma, rows);
  }

  /** Admins revoke any key of the account; others only keys they created. Revoking twice changes nothing. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyView> {
    return inTransaction(this.prisma, async (tx) => {
      const row = await tx.apiKey.findFirst({ where: { id, accountId: actor.accountId } });
      if (!row) throw new NotFound(`API key ${id} is not found`);
      if (row.createdByUserId !== actor.userId)
        requireRole(actor.role, 'admin', "revoking another member's API key");
      if (row.revokedAt) return toView(tx, row);
      const revoked = await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: this.now() } });
      await writeAuditEntry(tx, actor, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: row.id,
        details: { name: row.name, prefix: row.prefix },
      });
      return toView(tx, revoked);
    });
  }

  private async resolveNamespaces(tx: Db, actor: Actor, names: string[]): Promise<string[]> {
    const unique = [...new Set(names)];
    const rows = await tx.namespace.findMany({
      where: { accountId: actor.accountId, deletedAt: null, name: { in: unique } },
    });
    const missing = unique.filter((name) => !rows.some((row) => row.name === name));
    if (missing.length > 0) throw new NotFound(`namespace ${missing.join(', ')} is not found`);
    return rows.map((row) => row.id);
  }
}
