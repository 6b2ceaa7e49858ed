import { MemoryBus, topics } from '@kairos/bus';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { temporal } from '@kairos/proto';
import { createLogger } from '@kairos/telemetry';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { EngineContext } from '../../src/engine/engine-context.ts';
import { RunLocks } from '../../src/engine/run-locks.ts';
import { RunNotifier } from '../../src/engine/run-notifier.ts';
import type { HistoryEngine } from '../../src/history-engine.ts';
import { createHistoryService, type HistoryService } from '../../src/history-service.ts';
import { ExecutionStore } from '../../src/persistence/execution-store.ts';
import { shardFor } from '../../src/shards/shard-for.ts';
import { ShardLeases } from '../../src/shards/shard-leases.ts';
import type { ShardOwnership } from '../../src/shards/shard-ownership.ts';
import { taskMessageSchema, type TaskMessage } from '../../src/task-message.ts';
import { NAMESPACE_ID, typeName } from './execution-fixture.ts';

/**
 * Real Postgres for the engine's integration tests: a throwaway database per test file, history
 * processes made of real ShardLeases and createHistoryService over a MemoryBus, and the queries the
 * tests assert with.
 */
export const logger = createLogger({ service: 'history-test', level: 'silent' });

export interface EngineDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createEngineDatabase(purpose: string): Promise<EngineDatabase> {
  const database = await createThrowawayDatabase(purpose);
  await applyMigrations(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 12 });
  return {
    url: database.url,
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

export interface LeaseOptions {
  shardCount: number;
  leaseMs?: number;
  /** Default: an hour, so a test drives lease cycles itself with `leases.refresh()`. */
  renewEveryMs?: number;
}

export function shardLeases(pool: pg.Pool, owner: string, options: LeaseOptions): ShardLeases {
  return new ShardLeases({
    pool,
    shardCount: options.shardCount,
    owner,
    ownerAddress: undefined,
    leaseMs: options.leaseMs ?? 7_200_000,
    renewEveryMs: options.renewEveryMs ?? 3_600_000,
    logger,
  });
}

/** The engine tables a test file empties before each test. */
const ENGINE_TABLES = [
  'history_shards',
  'executions',
  'current_executions',
  'history_events',
  'outbox',
  'timer_tasks',
];

export interface EngineTestDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
  /** Starts a process's leases (the first one takes every shard); stopped after the test. */
  startLeases(owner: string, shardCount: number): Promise<ShardLeases>;
}

/**
 * Registers the hooks a test file over the engine tables needs: a throwaway database for the file,
 * emptied before each test (`alsoTruncate` names further tables), and every lease a test started
 * stopped after it. Call it at the top level of the file.
 */
export function useEngineDatabase(
  purpose: string,
  options: { alsoTruncate?: string[] } = {},
): EngineTestDatabase {
  let database: EngineDatabase | undefined;
  const leases: ShardLeases[] = [];
  const opened = () => {
    if (!database) throw new Error('the engine database is open only inside tests and hooks');
    return database;
  };
  beforeAll(async () => {
    database = await createEngineDatabase(purpose);
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    await opened().pool.query(`TRUNCATE ${[...ENGINE_TABLES, ...(options.alsoTruncate ?? [])].join(', ')}`);
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
  });
  return {
    get url() {
      return opened().url;
    },
    get pool() {
      return opened().pool;
    },
    async startLeases(owner, shardCount) {
      const lease = shardLeases(opened().pool, owner, { shardCount });
      leases.push(lease);
      await lease.start();
      return lease;
    },
  };
}

export interface HistoryProcess {
  leases: ShardLeases;
  engine: HistoryEngine;
  service: HistoryService;
  /** Every message the process's outbox relay published on `kairos.tasks`, in arrival order. */
  tasks: TaskMessage[];
  stop(): Promise<void>;
}

/** One history process as main.ts composes it: leases, then the service with its relay and timer queue. */
export async function startHistoryProcess(
  pool: pg.Pool,
  owner: string,
  options: LeaseOptions & { timerScanIntervalMs?: number },
): Promise<HistoryProcess> {
  const leases = shardLeases(pool, owner, options);
  await leases.start();
  const bus = new MemoryBus();
  const tasks: TaskMessage[] = [];
  await bus.subscribe({
    topic: topics.tasks,
    groupId: 'matching',
    handler: async (message) => {
      tasks.push(taskMessageSchema.parse(JSON.parse(message.value.toString('utf8'))));
    },
  });
  const service = createHistoryService({
    pool,
    bus,
    ownership: leases,
    shardCount: options.shardCount,
    logger,
    timerScanIntervalMs: options.timerScanIntervalMs ?? 100,
  });
  service.start();
  return {
    leases,
    engine: service.engine,
    service,
    tasks,
    async stop() {
      await service.stop();
      await leases.stop();
      await bus.close();
    },
  };
}

/** An engine context over the real store without the background queues (nothing runs behind the test). */
export function storeContext(
  pool: pg.Pool,
  ownership: ShardOwnership,
  shardCount: number,
  store = new ExecutionStore(pool, ownership),
): EngineContext {
  return {
    store,
    ownership,
    shardCount,
    locks: new RunLocks(),
    notifier: new RunNotifier(),
    logger,
    now: () => Date.now(),
    committed: () => undefined,
  };
}

/** A workflow id that lands on `shardId`, so a test knows which shard it moves. */
export function workflowIdOnShard(shardId: number, shardCount: number, prefix: string): string {
  for (let index = 0; ; index += 1) {
    const workflowId = `${prefix}-${index}`;
    if (shardFor(NAMESPACE_ID, workflowId, shardCount) === shardId) return workflowId;
  }
}

/** Polls `check` until it holds; for conditions another process or a timer brings about. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const HistoryEvent = temporal.api.history.v1.HistoryEvent;

/** The run's persisted event types in order, e.g. `TimerFired`. */
export async function persistedEventTypes(pool: pg.Pool, runId: string): Promise<string[]> {
  const { rows } = await pool.query<{ data: Buffer }>(
    'SELECT data FROM history_events WHERE run_id = $1 ORDER BY event_id',
    [runId],
  );
  return rows.map((row) => typeName(HistoryEvent.decode(row.data)));
}

/** What a transition of `runId` leaves in the database, to compare before and after. */
export async function footprint(pool: pg.Pool, runId: string) {
  const { rows } = await pool.query<{ events: string; outbox: string; timers: string; db_version: string }>(
    `SELECT (SELECT count(*) FROM history_events WHERE run_id = $1) AS events,
            (SELECT count(*) FROM outbox WHERE payload->>'runId' = $1::text) AS outbox,
            (SELECT count(*) FROM timer_tasks WHERE run_id = $1) AS timers,
            (SELECT db_version FROM executions WHERE run_id = $1) AS db_version`,
    [runId],
  );
  const row = rows[0]!;
  return {
    events: Number(row.events),
    outbox: Number(row.outbox),
    timers: Number(row.timers),
    dbVersion: Number(row.db_version),
  };
}
