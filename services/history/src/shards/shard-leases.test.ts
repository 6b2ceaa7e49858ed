import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { createLogger } from '@kairos/telemetry';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ShardLeases, type ShardChange } from './shard-leases.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const SHARDS = 8;

let database: ThrowawayDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createThrowawayDatabase('shard_leases');
  await applyMigrations(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 8 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const started: ShardLeases[] = [];
beforeEach(async () => {
  await pool.query('TRUNCATE history_shards');
  await pool.query('DELETE FROM engine_settings');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((leases) => leases.stop()));
});

/** A history process's leases; `renewEveryMs` defaults to an hour so tests drive cycles with refresh(). */
function process_(
  owner: string,
  options: { leaseMs?: number; renewEveryMs?: number; pool?: pg.Pool; shardCount?: number } = {},
) {
  const changes: (ShardChange & { owner: string })[] = [];
  const leases = new ShardLeases({
    pool: options.pool ?? pool,
    shardCount: options.shardCount ?? SHARDS,
    owner,
    ownerAddress: `http://${owner}:7301`,
    leaseMs: options.leaseMs ?? 7_200_000,
    renewEveryMs: options.renewEveryMs ?? 3_600_000,
    logger,
  });
  leases.onChange((change) => changes.push({ ...change, owner }));
  started.push(leases);
  return { leases, changes };
}

async function rows() {
  const result = await pool.query<{
    shard_id: number;
    range_id: string;
    owner: string | null;
    owner_address: string | null;
  }>('SELECT shard_id, range_id, owner, owner_address FROM history_shards ORDER BY shard_id');
  return result.rows;
}

/** Polls `check` until it holds (conditions that depend on lease expiry, i.e. on the database clock). */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const all = Array.from({ length: SHARDS }, (_, index) => index);

describe('ShardLeases', () => {
  it('gives a single process every shard in its first cycle and records the shard count', async () => {
    const a = process_('a');
    await a.leases.start();

    expect(a.leases.ownedShards()).toEqual(all);
    expect(a.changes.map((change) => [change.shardId, change.owned])).toEqual(all.map((id) => [id, true]));
    expect(a.leases.rangeIdOf(3)).toBe(1);
    expect(await rows()).toEqual(
      all.map((id) => ({ shard_id: id, range_id: '1', owner: 'a', owner_address: 'http://a:7301' })),
    );
    const settings = await pool.query("SELECT value FROM engine_settings WHERE name = 'history_shard_count'");
    expect(settings.rows).toEqual([{ value: String(SHARDS) }]);
  });

  it('refuses to start with a shard count other than the one the database was set up with', async () => {
    await process_('a').leases.start();
    const other = process_('b', { shardCount: 16 });
    await expect(other.leases.start()).rejects.toThrow(
      'history shard count mismatch: this database was set up with 8 shards but 16 are configured',
    );
    expect(other.leases.ownedShards()).toEqual([]);
  });

  it('splits the shards when a second process joins, though the first holds them all', async () => {
    const a = process_('a');
    await a.leases.start();
    const b = process_('b');

    await b.leases.start(); // nothing free: takes one shard from `a` to make itself known
    expect(b.leases.ownedShards()).toEqual([7]);
    await a.leases.refresh(); // loses 7, sees `b` short of its share, releases 4..6
    expect(a.leases.ownedShards()).toEqual([0, 1, 2, 3]);
    expect(a.changes.filter((change) => !change.owned).map((change) => change.shardId)).toEqual([7, 6, 5, 4]);
    await b.leases.refresh();

    expect(b.leases.ownedShards()).toEqual([4, 5, 6, 7]);
    expect((await rows()).map((row) => row.owner)).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
    // Stable: further cycles move nothing.
    await Promise.all([a.leases.refresh(), b.leases.refresh()]);
    expect([a.leases.ownedShards(), b.leases.ownedShards()]).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('converges on its own timer with three processes (3/3/2) and never double-owns a shard', async () => {
    const processes = ['a', 'b', 'c'].map((owner) => process_(owner, { leaseMs: 2_000, renewEveryMs: 50 }));
    for (const { leases } of processes) await leases.start();

    await eventually(() => {
      const counts = processes.map(({ leases }) => leases.ownedShards().length).sort();
      return counts.join() === '2,3,3';
    });
    const owned = processes.flatMap(({ leases }) => leases.ownedShards()).sort((x, y) => x - y);
    expect(owned).toEqual(all);
    const byRow = await rows();
    for (const { leases } of processes) {
      for (const shardId of leases.ownedShards()) {
        expect(Number(byRow[shardId]?.range_id)).toBe(leases.rangeIdOf(shardId));
      }
    }
  });

  it("hands a stopped process's shards to the others at once, without waiting for the leases", async () => {
    const a = process_('a');
    const b = process_('b');
    await a.leases.start();
    await b.leases.start();
    await a.leases.refresh();
    await b.leases.refresh();
    expect(b.leases.ownedShards()).toEqual([4, 5, 6, 7]);

    await a.leases.stop();
    expect(a.leases.ownedShards()).toEqual([]);
    expect(
      a.changes
        .filter((change) => !change.owned)
        .map((change) => change.shardId)
        .sort(),
    ).toEqual(all);
    await b.leases.refresh(); // the leases were two hours long: only the release explains this

    expect(b.leases.ownedShards()).toEqual(all);
  });

  it("moves a killed process's shards only once its leases expire; its range ids are stale by then", async () => {
    const leaseMs = 1_500;
    const doomed = new pg.Pool({ connectionString: database.url, max: 1 });
    const a = process_('a', { pool: doomed, leaseMs, renewEveryMs: 100 });
    await a.leases.start();
    const heldRangeIds = all.map((id) => a.leases.rangeIdOf(id));
    await doomed.end(); // `a` can no longer renew anything: as good as killed
    const killedAt = Date.now();
    const b = process_('b', { leaseMs, renewEveryMs: 1_000 });

    await b.leases.start();
    expect(b.leases.ownedShards()).toEqual([7]); // only what it takes to announce itself
    await b.leases.refresh();
    expect(b.leases.ownedShards()).toEqual([7]);
    await eventually(async () => {
      await b.leases.refresh();
      return b.leases.ownedShards().length === SHARDS;
    });
    // `a` renewed at most renewEveryMs before it died.
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(leaseMs - 100 - 50);
    for (const shardId of all) {
      expect(b.leases.rangeIdOf(shardId)).toBeGreaterThan(heldRangeIds[shardId] ?? Infinity);
    }
  });

  it('raises range_id on every move of a shard', async () => {
    const a = process_('a');
    const b = process_('b');
    await a.leases.start();
    await b.leases.start();
    await a.leases.refresh();
    await b.leases.refresh();
    await a.leases.stop();
    await b.leases.refresh();
    const a2 = process_('a2');
    await a2.leases.start();
    await b.leases.refresh();
    await a2.leases.refresh();

    const acquisitions = [...a.changes, ...b.changes, ...a2.changes].filter((change) => change.owned);
    for (const shardId of all) {
      const rangeIds = acquisitions
        .filter((change) => change.shardId === shardId)
        .map((change) => change.rangeId);
      expect(rangeIds.length).toBeGreaterThanOrEqual(2);
      expect([...rangeIds].sort((x, y) => x - y)).toEqual(rangeIds); // in the order they happened
      expect(new Set(rangeIds).size).toBe(rangeIds.length);
    }
    const moved = acquisitions.filter((change) => change.shardId === 7).map((change) => change.owner);
    expect(moved).toEqual(['a', 'b', 'a2']);
  });

  it('reports a shard lost when another process took it over (stale holder)', async () => {
    const a = process_('a');
    await a.leases.start();
    await pool.query(
      `UPDATE history_shards SET range_id = range_id + 1, owner = 'intruder', lease_expires_at = now() + interval '1 hour'
       WHERE shard_id = 3`,
    );

    await a.leases.refresh();

    // Renewal comes first in a cycle; the intruder then counts as a live owner short of its share, so
    // `a` also releases its surplus (7, 6, 5).
    expect(a.changes.filter((change) => !change.owned)[0]).toEqual({
      shardId: 3,
      owned: false,
      rangeId: 1,
      owner: 'a',
    });
    expect(a.leases.rangeIdOf(3)).toBeUndefined();
    expect(a.leases.ownedShards()).toEqual([0, 1, 2, 4]);
  });

  it('gives up its shards when the database stays unreachable past the lease', async () => {
    const lonely = new pg.Pool({ connectionString: database.url, max: 1 });
    const a = process_('a', { pool: lonely, leaseMs: 400, renewEveryMs: 100 });
    await a.leases.start();
    expect(a.leases.ownedShards()).toEqual(all);

    await lonely.end(); // every later query fails
    await eventually(() => a.leases.ownedShards().length === 0);
    expect(a.changes.filter((change) => !change.owned)).toHaveLength(SHARDS);
  });
});
