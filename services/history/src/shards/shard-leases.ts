import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import { planShardBalance, type LeaseRow } from './shard-balance.ts';
import type { ShardOwnership } from './shard-ownership.ts';

/**
 * History shard ownership through lease rows in `history_shards` (one row per shard).
 *
 * Every `renewEveryMs` each process runs one cycle:
 *  1. Renew: extend the lease of every shard it holds, conditional on the `range_id` it holds it under
 *     and on still being the owner. A shard whose row no longer matches was taken over: it is lost
 *     (listeners hear `owned: false`); the new owner's bumped range id already fences our writes.
 *  2.–5. are decided by planShardBalance (shard-balance.ts), a pure function of the rows read:
 *  2. Look: read all rows. Live owners are the distinct owners of unexpired leases, plus this process.
 *     Its fair share is `target = ceil(shardCount / liveOwners)`.
 *  3. Release: holding more than `target` while another live owner holds fewer, it gives up the surplus
 *     (its highest shard ids) at once — `owner = NULL, lease_expires_at = now()` — for others to take.
 *  4. Acquire: below `target`, it takes free shards (expired, released, never owned, or its own from a
 *     previous life under the same identity), lowest ids first, each with `range_id = range_id + 1`.
 *  5. Announce: a newcomer sees no free shard when the others hold everything, and nobody sees it (an
 *     owner is only known by its leases). With zero shards it therefore takes ONE shard from the
 *     largest owner, and only if that owner holds more than the newcomer's target (so it can never
 *     take a shard someone needs, nor ping-pong). Taking a live shard is safe: the range id bump fences
 *     the old owner, whose renewal then fails (step 1). From then on the newcomer is a live owner and
 *     step 3 hands it the rest of its share.
 * A single process (embedded mode) sees no other owner, so its target is every shard, and it takes them
 * all in its first cycle. A stopped process releases everything, so survivors take its shards in their
 * next cycle; a killed one's leases expire after `leaseMs`. Lease times use the database clock.
 *
 * A process that cannot reach the database keeps its shards only until its leases would have expired
 * (by its own clock, counted from the last renewal it sent); then it reports them lost.
 */
export interface ShardLeasesOptions {
  pool: pg.Pool;
  shardCount: number;
  /** Unique identity of this process, e.g. `history@host:pid`. */
  owner: string;
  /** Where this process serves internal calls (cluster mode); undefined in embedded mode. */
  ownerAddress: string | undefined;
  leaseMs?: number;
  renewEveryMs?: number;
  logger: Logger;
}

export interface ShardChange {
  shardId: number;
  owned: boolean;
  rangeId: number;
}

export class ShardLeases implements ShardOwnership {
  private readonly pool: pg.Pool;
  private readonly shardCount: number;
  private readonly owner: string;
  private readonly ownerAddress: string | null;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly logger: Logger;
  /** shard id → range id it is held under. */
  private readonly held = new Map<number, number>();
  private readonly listeners: ((change: ShardChange) => void)[] = [];
  private cycle: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Local-clock time until which the leases we hold are certainly ours. */
  private heldUntil = 0;

  constructor(options: ShardLeasesOptions) {
    if (!Number.isInteger(options.shardCount) || options.shardCount < 1) {
      throw new Error(`history shard count must be a positive integer, got ${options.shardCount}`);
    }
    this.pool = options.pool;
    this.shardCount = options.shardCount;
    this.owner = options.owner;
    this.ownerAddress = options.ownerAddress ?? null;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.renewEveryMs = options.renewEveryMs ?? 3_000;
    this.logger = options.logger;
    if (this.renewEveryMs >= this.leaseMs) throw new Error('renewEveryMs must be shorter than leaseMs');
  }

  rangeIdOf(shardId: number): number | undefined {
    return this.held.get(shardId);
  }

  ownedShards(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  onChange(listener: (change: ShardChange) => void): void {
    this.listeners.push(listener);
  }

  /** Creates the shard rows on first start (fixing the shard count), then takes this process's share. */
  async start(): Promise<void> {
    await this.ensureShardRows();
    this.running = true;
    try {
      await this.refresh();
    } catch (error) {
      this.running = false;
      throw error;
    }
    this.schedule();
  }

  /** Gives up every shard at once, so other processes take them in their next cycle. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.cycle.catch(() => undefined);
    const shards = this.ownedShards();
    if (shards.length === 0) return;
    try {
      await this.release(shards);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not release history shard leases; they expire on their own');
    }
  }

  /** Runs one cycle now (the timer runs them every renewEveryMs); cycles never overlap. */
  refresh(): Promise<void> {
    const next = this.cycle.catch(() => undefined).then(() => this.runCycle());
    this.cycle = next;
    return next;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.onCycleFailed(error))
        .finally(() => this.schedule());
    }, this.renewEveryMs);
    this.timer.unref();
  }

  private onCycleFailed(error: unknown): void {
    if (this.held.size > 0 && Date.now() >= this.heldUntil) {
      this.logger.error(
        { err: error },
        'history shard leases could not be renewed before expiring; giving them up',
      );
      this.forget(this.ownedShards());
    } else {
      this.logger.warn({ err: error }, 'history shard lease cycle failed; retrying');
    }
  }

  private async runCycle(): Promise<void> {
    if (!this.running) return;
    await this.renew();
    const plan = planShardBalance(await this.readLeases(), this.owner, new Set(this.held.keys()));
    if (plan.release.length > 0) {
      this.logger.info(
        { shards: plan.release, target: plan.target },
        "releasing history shards above this process's share",
      );
      await this.release(plan.release);
    }
    if (plan.acquireCount > 0 && plan.acquireCandidates.length > 0) {
      await this.acquire(plan.acquireCandidates, plan.acquireCount);
    }
    if (plan.announce) await this.announce(plan.announce);
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const sentAt = Date.now();
    const held = [...this.held];
    const { rows } = await this.pool.query<{ shard_id: number }>(
      `UPDATE history_shards s SET lease_expires_at = now() + $2 * interval '1 millisecond'
       FROM unnest($3::int[], $4::bigint[]) AS held(shard_id, range_id)
       WHERE s.shard_id = held.shard_id AND s.range_id = held.range_id AND s.owner = $1
       RETURNING s.shard_id`,
      [this.owner, this.leaseMs, held.map(([id]) => id), held.map(([, rangeId]) => rangeId)],
    );
    this.heldUntil = sentAt + this.leaseMs;
    const renewed = new Set(rows.map((row) => row.shard_id));
    const lost = held.map(([id]) => id).filter((id) => !renewed.has(id));
    if (lost.length > 0) {
      this.logger.warn({ shards: lost }, 'history shards were taken over by another process');
      this.forget(lost);
    }
  }

  private async readLeases(): Promise<LeaseRow[]> {
    const { rows } = await this.pool.query<{
      shard_id: number;
      range_id: string;
      owner: string | null;
      live: boolean;
    }>(
      `SELECT shard_id, range_id, owner, (owner IS NOT NULL AND lease_expires_at > now()) AS live
       FROM history_shards WHERE shard_id < $1 ORDER BY shard_id`,
      [this.shardCount],
    );
    return rows.map((row) => ({
      shardId: row.shard_id,
      rangeId: Number(row.range_id),
      owner: row.owner,
      live: row.live,
    }));
  }

  /** Listeners stop the shards' work first; a new owner's range id bump fences anything still in flight. */
  private async release(shards: number[]): Promise<void> {
    const held = this.forget(shards);
    await this.pool.query(
      `UPDATE history_shards s SET owner = NULL, owner_address = NULL, lease_expires_at = now()
       FROM unnest($2::int[], $3::bigint[]) AS held(shard_id, range_id)
       WHERE s.shard_id = held.shard_id AND s.range_id = held.range_id AND s.owner = $1`,
      [this.owner, held.map(([id]) => id), held.map(([, rangeId]) => rangeId)],
    );
  }

  private async acquire(candidates: number[], count: number): Promise<void> {
    const sentAt = Date.now();
    // SKIP LOCKED: processes acquiring at the same moment split the free shards instead of queueing.
    const { rows } = await this.pool.query<{ shard_id: number; range_id: string }>(
      `UPDATE history_shards s
       SET range_id = s.range_id + 1, owner = $1, owner_address = $2,
           lease_expires_at = now() + $3 * interval '1 millisecond'
       FROM (SELECT shard_id FROM history_shards
             WHERE shard_id = ANY($4::int[])
               AND (owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < now() OR owner = $1)
             ORDER BY shard_id LIMIT $5 FOR UPDATE SKIP LOCKED) free
       WHERE s.shard_id = free.shard_id
       RETURNING s.shard_id, s.range_id`,
      [this.owner, this.ownerAddress, this.leaseMs, candidates, count],
    );
    if (rows.length === 0) return;
    if (this.held.size === 0) this.heldUntil = sentAt + this.leaseMs;
    this.logger.info({ shards: rows.map((row) => row.shard_id) }, 'acquired history shards');
    for (const row of rows.sort((a, b) => a.shard_id - b.shard_id))
      this.own(row.shard_id, Number(row.range_id));
  }

  private async announce(shard: LeaseRow): Promise<void> {
    const sentAt = Date.now();
    const { rows } = await this.pool.query<{ range_id: string }>(
      `UPDATE history_shards
       SET range_id = range_id + 1, owner = $1, owner_address = $2,
           lease_expires_at = now() + $3 * interval '1 millisecond'
       WHERE shard_id = $4 AND range_id = $5 AND owner = $6
       RETURNING range_id`,
      [this.owner, this.ownerAddress, this.leaseMs, shard.shardId, shard.rangeId, shard.owner],
    );
    const [row] = rows;
    if (!row) return; // it moved meanwhile; the next cycle looks again
    this.heldUntil = sentAt + this.leaseMs;
    this.logger.info(
      { shardId: shard.shardId, from: shard.owner },
      'took over a history shard to join the balance',
    );
    this.own(shard.shardId, Number(row.range_id));
  }

  private async ensureShardRows(): Promise<void> {
    await this.pool.query(
      `INSERT INTO engine_settings (name, value) VALUES ('history_shard_count', $1) ON CONFLICT (name) DO NOTHING`,
      [String(this.shardCount)],
    );
    const { rows } = await this.pool.query<{ value: string }>(
      `SELECT value FROM engine_settings WHERE name = 'history_shard_count'`,
    );
    const stored = rows[0]?.value;
    if (stored !== String(this.shardCount)) {
      throw new Error(
        `history shard count mismatch: this database was set up with ${stored} shards but ${this.shardCount} ` +
          'are configured; the shard count is fixed when a cluster first starts',
      );
    }
    await this.pool.query(
      `INSERT INTO history_shards (shard_id) SELECT generate_series(0, $1::int - 1) ON CONFLICT (shard_id) DO NOTHING`,
      [this.shardCount],
    );
  }

  private own(shardId: number, rangeId: number): void {
    this.held.set(shardId, rangeId);
    this.emit({ shardId, owned: true, rangeId });
  }

  /** Drops shards from the held set, telling listeners; returns what was held (id, range id). */
  private forget(shards: number[]): [number, number][] {
    const dropped: [number, number][] = [];
    for (const shardId of shards) {
      const rangeId = this.held.get(shardId);
      if (rangeId === undefined) continue;
      this.held.delete(shardId);
      dropped.push([shardId, rangeId]);
      this.emit({ shardId, owned: false, rangeId });
    }
    return dropped;
  }

  private emit(change: ShardChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error, change }, 'history shard ownership listener failed');
      }
    }
  }
}
