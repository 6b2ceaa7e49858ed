import type { PrismaClient } from '@kairos/db';
import { AccountApiKeys } from './api-keys/account-api-keys.ts';
import { AuthThrottle } from './auth/auth-throttle.ts';
import { SessionStore } from './auth/sessions.ts';
import { AccountNamespaces } from './namespaces/account-namespaces.ts';
import type { WorkflowCounts } from './namespaces/workflow-counts.ts';
import { AccountQuotas } from './quotas/account-quotas.ts';

/** Everything the console's procedures work with, built once per api process. */
export interface ControlPlane {
  prisma: PrismaClient;
  sessions: SessionStore;
  throttle: AuthThrottle;
  namespaces: AccountNamespaces;
  apiKeys: AccountApiKeys;
  quotas: AccountQuotas;
  now(): Date;
}

export function createControlPlane(options: {
  prisma: PrismaClient;
  workflows: WorkflowCounts;
  now?: () => Date;
}): ControlPlane {
  const now = options.now ?? (() => new Date());
  return {
    prisma: options.prisma,
    sessions: new SessionStore(options.prisma, now),
    throttle: new AuthThrottle(() => now().getTime()),
    namespaces: new AccountNamespaces(options.prisma, options.workflows, now),
    apiKeys: new AccountApiKeys(options.prisma, now),
    quotas: new AccountQuotas(options.prisma),
    now,
  };
}
