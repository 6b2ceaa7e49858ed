import type { PrismaClient } from '@kairos/db';
import { InvalidArgument, NotFound } from '@kairos/errors';
import { mintApiKey } from '../control-plane/api-keys/api-key-secret.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface IssueApiKeyInput {
  accountId: string;
  role: 'admin' | 'developer' | 'read_only';
  /** Every namespace of the account (now and later), or these names of the account's namespaces. */
  namespaces: 'all' | readonly string[];
  /** 1..365, as the console allows. */
  expiresInDays: number;
  /** Shown in the console's key list (1..100 characters). */
  name: string;
  /** Who asked, for the audit log (never a secret), e.g. `cli` or `test setup`. */
  issuedBy: string;
}

export interface IssuedApiKey {
  /** The whole key: give it to the user once; only its hash is stored. */
  key: string;
  id: string;
  prefix: string;
  expiresAt: Date;
}

/**
 * Mints an API key for an account outside the console (operator tooling, test set-up): the same key
 * format and hashing as the console's keys, and an `api_key.create` audit entry with a system actor,
 * in one transaction.
 */
export async function issueApiKey(
  prisma: PrismaClient,
  input: IssueApiKeyInput,
  now: Date = new Date(),
): Promise<IssuedApiKey> {
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 365) {
    throw InvalidArgument.forField(
      'expiresInDays',
      `must be a whole number from 1 to 365, got ${input.expiresInDays}`,
    );
  }
  if (input.name.length < 1 || input.name.length > 100) {
    throw InvalidArgument.forField('name', `must be 1 to 100 characters, got ${input.name.length}`);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.accountId)) {
    throw InvalidArgument.forField(
      'accountId',
      `must be an account id (a UUID), got ${JSON.stringify(input.accountId)}`,
    );
  }
  return prisma.$transaction(async (tx) => {
    const account = await tx.account.findUnique({ where: { id: input.accountId }, select: { id: true } });
    if (!account) throw new NotFound(`no account ${input.accountId}`);
    let namespaceIds: string[] = [];
    if (input.namespaces !== 'all') {
      if (input.namespaces.length === 0) throw InvalidArgument.forField('namespaces', 'name at least one');
      const found = await tx.namespace.findMany({
        where: { accountId: input.accountId, name: { in: [...input.namespaces] }, deletedAt: null },
        select: { id: true, name: true },
      });
      const missing = input.namespaces.filter((name) => !found.some((namespace) => namespace.name === name));
      if (missing.length > 0) {
        throw InvalidArgument.forField('namespaces', `the account has no namespace ${missing.join(', ')}`);
      }
      namespaceIds = found.map((namespace) => namespace.id);
    }
    const minted = mintApiKey();
    const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
    const row = await tx.apiKey.create({
      data: {
        accountId: input.accountId,
        name: input.name,
        prefix: minted.prefix,
        secretHash: minted.secretHash,
        role: input.role,
        allNamespaces: input.namespaces === 'all',
        namespaceIds,
        expiresAt,
      },
      select: { id: true },
    });
    await tx.auditLogEntry.create({
      data: {
        accountId: input.accountId,
        actorType: 'system',
        actorLabel: input.issuedBy,
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: row.id,
        details: {
          name: input.name,
          prefix: minted.prefix,
          role: input.role,
          allNamespaces: input.namespaces === 'all',
          namespaces: input.namespaces === 'all' ? [] : [...input.namespaces],
          expiresAt: expiresAt.toISOString(),
        },
      },
    });
    return { key: minted.key, id: row.id, prefix: minted.prefix, expiresAt };
  });
}
