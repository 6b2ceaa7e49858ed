import { createPrismaClient, ensureDefaultNamespace, SYSTEM_ACCOUNT_ID } from '@kairos/db';
import { issueApiKey } from '../../../src/cli/api-key-issuer.ts';

/**
 * A system-account admin key for every namespace, minted with the same module as the operator's
 * `create-api-key` command: in cluster mode anonymous access is off, so SDK clients of a test cluster
 * (or the bench) need one. Safe before the api started: the system account is created if missing.
 */
export async function mintClusterApiKey(databaseUrl: string, purpose: string): Promise<string> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    await ensureDefaultNamespace(prisma);
    const issued = await issueApiKey(prisma, {
      accountId: SYSTEM_ACCOUNT_ID,
      role: 'admin',
      namespaces: 'all',
      expiresInDays: 1,
      name: purpose,
      issuedBy: `test set-up (${purpose})`,
    });
    return issued.key;
  } finally {
    await prisma.$disconnect();
  }
}

/** Connection options for a Kairos without TLS: the SDKs turn TLS on by default when given an apiKey. */
export function sdkAuthOptions(apiKey: string | undefined): { apiKey?: string; tls?: false } {
  return apiKey === undefined ? {} : { apiKey, tls: false };
}
