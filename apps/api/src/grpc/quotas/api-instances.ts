import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@kairos/db';
import type { Logger } from '@kairos/telemetry';

/** How often this api process writes its heartbeat row and counts the others. */
export const apiInstanceHeartbeatMs = 2_000;
/** An api process not seen for this long no longer gets a share of the quotas. */
export const apiInstanceLivenessMs = 10_000;

/** How many api processes share each namespace's quotas right now (at least 1: this one). */
export interface ApiInstanceCount {
  count(): number;
}

/**
 * This api process's row in `api_instances`, written every 2 s, and the number of processes seen in
 * the last 10 s: each process enforces limit / that number, so the quotas hold across the cluster
 * without a shared counter on the hot path. Timestamps are the database's, so process clocks do not
 * matter. Rows of processes gone for a minute are deleted on the way.
 */
export class ApiInstanceRegistry implements ApiInstanceCount {
  readonly id = `api@${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private instances = 1;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
    private readonly intervalMs = apiInstanceHeartbeatMs,
  ) {}

  count(): number {
    return this.instances;
  }

  /** Writes the first heartbeat (so the count is right from the first call), then keeps beating. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beating ??= this.beat()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'api instance heartbeat failed'))
        .finally(() => (this.beating = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    // The others take over this share at their next count instead of 10 s later.
    await this.prisma.apiInstance.deleteMany({ where: { id: this.id } }).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not remove the api instance row');
    });
  }

  private async beat(): Promise<void> {
    const liveness = `${apiInstanceLivenessMs} milliseconds`;
    const [, , counted] = await this.prisma.$transaction([
      this.prisma.$executeRaw`
        INSERT INTO api_instances (id, last_seen_at) VALUES (${this.id}, now())
        ON CONFLICT (id) DO UPDATE SET last_seen_at = now()`,
      this.prisma.$executeRaw`DELETE FROM api_instances WHERE last_seen_at < now() - interval '1 minute'`,
      this.prisma.$queryRaw<{ live: number }[]>`
        SELECT count(*)::int AS live FROM api_instances
         WHERE last_seen_at > now() - ${liveness}::interval`,
    ]);
    this.instances = Math.max(1, counted[0]?.live ?? 1);
  }
}
