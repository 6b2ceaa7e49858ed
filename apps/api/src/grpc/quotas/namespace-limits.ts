import type { PrismaClient } from '@kairos/db';
import type { Logger } from '@kairos/telemetry';
import { effectiveQuota, type QuotaValues } from '../../control-plane/quotas/plan-defaults.ts';

/** requestsPerSecond, actionsPerSecond, maxOpenWorkflows, maxConcurrentPollers: the namespace's whole budget. */
export type NamespaceLimits = QuotaValues;

export interface NamespaceLimitsSource {
  limitsFor(namespaceId: string): Promise<NamespaceLimits>;
}

/** How often a namespace's quota row and its account's plan are read again. */
export const quotaRefreshMs = 2_000;

/**
 * A namespace's limits as the console sets them (namespace_quotas row, else the account plan's
 * defaults, through the same effectiveQuota the console shows), re-read every 2 s so a change applies
 * within seconds on every api process. The first call for a namespace waits for the read; later ones
 * get the last value at once while a stale one is refreshed in the background.
 */
export class PrismaNamespaceLimits implements NamespaceLimitsSource {
  private readonly cache = new Map<
    string,
    { limits: NamespaceLimits | undefined; loading: Promise<NamespaceLimits> | undefined; loadedAt: number }
  >();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
    private readonly options: { refreshMs?: number; now?: () => number } = {},
  ) {}

  async limitsFor(namespaceId: string): Promise<NamespaceLimits> {
    const now = (this.options.now ?? Date.now)();
    let entry = this.cache.get(namespaceId);
    if (!entry) {
      entry = { limits: undefined, loading: undefined, loadedAt: now };
      this.cache.set(namespaceId, entry);
    }
    const stale =
      entry.limits === undefined || now - entry.loadedAt >= (this.options.refreshMs ?? quotaRefreshMs);
    if (stale && !entry.loading) {
      const current = entry;
      current.loading = this.load(namespaceId).then(
        (limits) => {
          current.limits = limits;
          current.loadedAt = (this.options.now ?? Date.now)();
          current.loading = undefined;
          return limits;
        },
        (error: unknown) => {
          current.loading = undefined;
          throw error;
        },
      );
      if (current.limits !== undefined) {
        // Keep enforcing the last known limits while the database answers (or not).
        current.loading.catch((error: unknown) =>
          this.logger.warn({ err: error, namespaceId }, 'could not refresh namespace quotas'),
        );
      }
    }
    return entry.limits ?? (await entry.loading!);
  }

  private async load(namespaceId: string): Promise<NamespaceLimits> {
    const row = await this.prisma.namespace.findUnique({
      where: { id: namespaceId },
      select: { account: { select: { plan: true } }, quota: true },
    });
    // The namespace was authorized a moment ago; if it vanished since, the smallest plan's limits do.
    const quota = effectiveQuota(row?.account.plan ?? 'free', row?.quota ?? null);
    return {
      requestsPerSecond: quota.requestsPerSecond.value,
      actionsPerSecond: quota.actionsPerSecond.value,
      maxOpenWorkflows: quota.maxOpenWorkflows.value,
      maxConcurrentPollers: quota.maxConcurrentPollers.value,
    };
  }
}
