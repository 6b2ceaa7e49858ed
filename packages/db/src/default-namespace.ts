import type { Namespace, PrismaClient } from './generated/prisma/client.ts';

/** The account that owns what Kairos creates for itself, such as the `default` namespace. */
export const SYSTEM_ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';
export const SYSTEM_ACCOUNT_NAME = 'system';
/** The namespace SDKs use when they name none (Temporal's default), created for `npm start`. */
export const DEFAULT_NAMESPACE_NAME = 'default';

/**
 * Makes sure the `system` account and the `default` namespace exist and returns the namespace.
 * Idempotent and safe when several processes start at once: both inserts are
 * `INSERT … ON CONFLICT DO NOTHING`. An existing `default` namespace is returned as it is (never
 * reassigned or revived), so what an operator did to it survives restarts.
 */
export async function ensureDefaultNamespace(prisma: PrismaClient): Promise<Namespace> {
  await prisma.account.createMany({
    data: [{ id: SYSTEM_ACCOUNT_ID, name: SYSTEM_ACCOUNT_NAME }],
    skipDuplicates: true,
  });
  await prisma.namespace.createMany({
    data: [{ name: DEFAULT_NAMESPACE_NAME, accountId: SYSTEM_ACCOUNT_ID }],
    skipDuplicates: true,
  });
  return prisma.namespace.findUniqueOrThrow({ where: { name: DEFAULT_NAMESPACE_NAME } });
}
