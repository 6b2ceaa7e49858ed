import { isDomainError } from '@kairos/errors';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import type { TimerRow } from '../persistence/execution-store.ts';
import type { ShardOwnership } from '../shards/shard-ownership.ts';
import type { TimerPayload } from '../state/timer-payload.ts';

export interface TimerQueueOptions {
  pool: pg.Pool;
  ownership: ShardOwnership;
  logger: Logger;
  fire(row: TimerRow): Promise<void>;
  /** How often the table is scanned for timers coming due. */
  scanIntervalMs?: number;
  /** Timers due within this window are held in memory (setTimeout) until they fire. */
  lookaheadMs?: number;
}

/**
 * Fires the durable timers of the shards this process owns. Timers live in `timer_tasks`; a scan loads
 * the ones due soon into memory, and timers created by this process are handed over at commit, so a
 * short timer does not wait for the next scan. After a restart (or a shard move) the scan finds every
 * timer again: none is lost, and firing deletes the row in the transaction that applies it.
 */
export class TimerQueue {
  private readonly held = new Map<string, NodeJS.Timeout | 'firing'>();
  private scanTimer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: TimerQueueOptions) {}

  private get lookaheadMs() {
    return this.options.lookaheadMs ?? 2_000;
  }

  start(): void {
    this.scanTimer = setInterval(() => this.scan(), this.options.scanIntervalMs ?? 1_000);
    this.scan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.scanTimer);
    for (const handle of this.held.values()) if (handle !== 'firing') clearTimeout(handle);
    this.held.clear();
    await this.scanning;
    await Promise.allSettled([...this.inFlight]);
  }

  /** New timers from a commit of this process. */
  add(rows: readonly TimerRow[]): void {
    const horizon = Date.now() + this.lookaheadMs;
    for (const row of rows) if (row.fireAtMs <= horizon) this.hold(row);
  }

  scan(): void {
    if (this.stopped || this.scanning) return;
    this.scanning = this.loadDue()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'timer scan failed; retrying'))
      .finally(() => (this.scanning = undefined));
  }

  private async loadDue(): Promise<void> {
    const shards = this.options.ownership.ownedShards();
    if (shards.length === 0) return;
    const { rows } = await this.options.pool.query<{
      id: string;
      shard_id: number;
      fire_at: Date;
      namespace_id: string;
      workflow_id: string;
      run_id: string;
      payload: TimerPayload;
    }>(
      `SELECT id, shard_id, fire_at, namespace_id, workflow_id, run_id, payload FROM timer_tasks
        WHERE shard_id = ANY($1) AND fire_at <= now() + make_interval(secs => $2::double precision / 1000)
        ORDER BY fire_at LIMIT 2000`,
      [shards, this.lookaheadMs],
    );
    for (const row of rows) {
      this.hold({
        id: String(row.id),
        shardId: row.shard_id,
        fireAtMs: row.fire_at.getTime(),
        namespaceId: row.namespace_id,
        workflowId: row.workflow_id,
        runId: row.run_id,
        payload: row.payload,
      });
    }
  }

  private hold(row: TimerRow): void {
    if (this.stopped || this.held.has(row.id)) return;
    const delay = Math.max(0, row.fireAtMs - Date.now());
    this.held.set(
      row.id,
      setTimeout(() => this.fire(row), delay),
    );
  }

  private fire(row: TimerRow): void {
    if (this.stopped) return;
    if (this.options.ownership.rangeIdOf(row.shardId) === undefined) {
      this.held.delete(row.id);
      return;
    }
    this.held.set(row.id, 'firing');
    const firing = this.options
      .fire(row)
      .catch(async (error: unknown) => {
        if (isDomainError(error) && error.code === 'NOT_FOUND') {
          // The execution is gone (deleted by retention): the timer has nothing left to do.
          await this.options.pool
            .query('DELETE FROM timer_tasks WHERE id = $1', [row.id])
            .catch(() => undefined);
          return;
        }
        this.options.logger.warn(
          { err: error, timer: row.id, kind: row.payload.type },
          'timer failed; will retry',
        );
      })
      .finally(() => {
        this.held.delete(row.id);
        this.inFlight.delete(firing);
      });
    this.inFlight.add(firing);
  }
}
