import type { PrismaClient } from '@kairos/db';
import { mintApiKey } from '../../../src/control-plane/api-keys/api-key-secret.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seeds control-plane rows directly (the console's procedures are tested elsewhere). */
export class Tenants {
  constructor(private readonly prisma: PrismaClient) {}

  async account(name: string, plan: 'free' | 'standard' | 'enterprise' = 'standard'): Promise<string> {
    const account = await this.prisma.account.create({ data: { name, plan } });
    return account.id;
  }

  async namespace(accountId: string, name: string): Promise<string> {
    const namespace = await this.prisma.namespace.create({ data: { name, accountId } });
    return namespace.id;
  }

  /** A key as the console would mint it; returns the whole key and its row id. */
  async key(options: {
    accountId: string;
    role?: 'admin' | 'developer' | 'read_only';
    /** Namespace ids, or every namespace of the account. */
    namespaceIds?: string[] | 'all';
    expiresAt?: Date;
  }): Promise<{ key: string; id: string; prefix: string }> {
    const minted = mintApiKey();
    const scope = options.namespaceIds ?? 'all';
    const row = await this.prisma.apiKey.create({
      data: {
        accountId: options.accountId,
        name: 'test key',
        prefix: minted.prefix,
        secretHash: minted.secretHash,
        role: options.role ?? 'admin',
        allNamespaces: scope === 'all',
        namespaceIds: scope === 'all' ? [] : scope,
        expiresAt: options.expiresAt ?? new Date(Date.now() + 30 * DAY_MS),
      },
    });
    return { key: minted.key, id: row.id, prefix: minted.prefix };
  }

  /** Sets a namespace's quota overrides (null: back to the plan's default). */
  async quota(
    namespaceId: string,
    limits: Partial<
      Record<
        'requestsPerSecond' | 'actionsPerSecond' | 'maxOpenWorkflows' | 'maxConcurrentPollers',
        number | null
      >
    >,
  ): Promise<void> {
    await this.prisma.namespaceQuota.upsert({
      where: { namespaceId },
      create: { namespaceId, ...limits },
      update: limits,
    });
  }
}
