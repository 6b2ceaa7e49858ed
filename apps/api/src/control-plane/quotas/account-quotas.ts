import type { PrismaClient } from '@kairos/db';
import type { Actor } from '../actor.ts';
import { writeAuditEntry } from '../audit/audit-log.ts';
import { inTransaction } from '../db.ts';
import { findAccountNamespace } from '../namespaces/account-namespaces.ts';
import { requireRole } from '../roles.ts';
import type { Plan } from '../auth/sessions.ts';
import { effectiveQuota, QUOTA_LIMITS, type EffectiveQuota, type QuotaLimit } from './plan-defaults.ts';

export interface NamespaceQuotaView {
  namespace: string;
  limits: EffectiveQuota;
}

/** undefined leaves a limit as it is; null returns it to the plan default; a number overrides it. */
export type QuotaChange = Partial<Record<QuotaLimit, number | null>>;

export class AccountQuotas {
  constructor(private readonly prisma: PrismaClient) {}

  async list(actor: Actor): Promise<NamespaceQuotaView[]> {
    const [account, namespaces] = await Promise.all([
      this.prisma.account.findUniqueOrThrow({ where: { id: actor.accountId } }),
      this.prisma.namespace.findMany({
        where: { accountId: actor.accountId, deletedAt: null },
        include: { quota: true },
        orderBy: { name: 'asc' },
      }),
    ]);
    return namespaces.map((namespace) => ({
      namespace: namespace.name,
      limits: effectiveQuota(account.plan, namespace.quota),
    }));
  }

  async update(actor: Actor, input: { namespace: string } & QuotaChange): Promise<NamespaceQuotaView> {
    requireRole(actor.role, 'admin', 'changing quotas');
    return inTransaction(this.prisma, async (tx) => {
      const namespace = await findAccountNamespace(tx, actor.accountId, input.namespace);
      const account = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId } });
      const before = await tx.namespaceQuota.findUnique({ where: { namespaceId: namespace.id } });
      const change: QuotaChange = {};
      for (const limit of QUOTA_LIMITS) if (input[limit] !== undefined) change[limit] = input[limit];
      const row = await tx.namespaceQuota.upsert({
        where: { namespaceId: namespace.id },
        create: { namespaceId: namespace.id, ...change },
        update: change,
      });
      const changes = Object.fromEntries(
        QUOTA_LIMITS.filter((limit) => change[limit] !== undefined).map((limit) => [
          limit,
          { from: before?.[limit] ?? null, to: row[limit] },
        ]),
      );
      await writeAuditEntry(tx, actor, {
        action: 'quota.update',
        targetType: 'quota',
        targetId: namespace.id,
        details: { namespace: namespace.name, changes },
      });
      return { namespace: namespace.name, limits: effectiveQuota(account.plan as Plan, row) };
    });
  }
}
