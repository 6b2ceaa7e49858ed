import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryClient } from '../src/client.ts';
import { HistoryEngine } from '../src/history-engine.ts';
import type { TimerRow } from '../src/persistence/execution-store.ts';
import type { TaskMessage } from '../src/task-message.ts';
import { fireTimer } from '../src/timers/fire-timer.ts';
import { startTimer } from './support/commands.ts';
import {
  eventually,
  persistedEventTypes,
  shardLeases,
  startHistoryProcess,
  storeContext,
  useEngineDatabase,
  workflowIdOnShard,
  type HistoryProcess,
} from './support/engine-database.ts';
import { NAMESPACE, pollTask, startWorkflow } from './support/workflow-driver.ts';

const SHARDS = 2;
/** Short leases with automatic cycles, so shards really move between processes during a test. */
const SHORT_LEASES = { shardCount: SHARDS, leaseMs: 1_500, renewEveryMs: 300 };

const database = useEngineDatabase('history_timers');
const running: HistoryProcess[] = [];
const pools: pg.Pool[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((process) => process.stop()));
  await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
});

async function startProcess(owner: string, pool = database.pool): Promise<HistoryProcess> {
  const process = await startHistoryProcess(pool, owner, SHORT_LEASES);
  running.push(process);
  return process;
}

function firstWorkflowTask(processes: HistoryProcess[], runId: string, scheduledEventId: number) {
  return eventually(() =>
    processes
      .flatMap((process) => process.tasks)
      .find(
        (task) =>
          task.kind === 'workflow' && task.runId === runId && task.scheduledEventId === scheduledEventId,
      ),
  );
}

/** Starts a run and answers its first workflow task with a StartTimer command (events 1-5). */
async function runWithTimer(process: HistoryProcess, workflowId: string, timerMs: number): Promise<string> {
  const runId = await startWorkflow(process.engine, workflowId);
  await completeWith(process.engine, await firstWorkflowTask([process], runId, 2), timerMs);
  return runId;
}

async function completeWith(history: HistoryClient, task: TaskMessage, timerMs: number): Promise<void> {
  const poll = await pollTask(history, task);
  await history.respondWorkflowTaskCompleted(NAMESPACE, {
    taskToken: poll.taskToken,
    commands: [startTimer('t', timerMs)],
  });
}

async function userTimerRows(runId: string): Promise<number> {
  const { rows } = await database.pool.query(
    `SELECT id FROM timer_tasks WHERE run_id = $1 AND payload->>'type' = 'user-timer'`,
    [runId],
  );
  return rows.length;
}

const timerFiredCount = async (runId: string) =>
  (await persistedEventTypes(database.pool, runId)).filter((type) => type === 'TimerFired').length;

describe('TimerQueue', () => {
  it('fires a due timer exactly once while its shard moves to another process', async () => {
    const a = await startProcess('a');
    const runId = await runWithTimer(a, workflowIdOnShard(1, SHARDS, 'moving'), 1_000);
    // a holds the timer in memory; b takes shard 1 from it (range id bumped) before it comes due.
    const b = await startProcess('b');
    expect(b.leases.ownedShards()).toEqual([1]);

    await firstWorkflowTask([a, b], runId, 7);
    await Promise.all([a.service.stop(), b.service.stop()]);

    expect(await timerFiredCount(runId)).toBe(1);
    expect(await userTimerRows(runId)).toBe(0);
    expect((await persistedEventTypes(database.pool, runId)).slice(4)).toEqual([
      'TimerStarted',
      'TimerFired',
      'WorkflowTaskScheduled',
    ]);
  });

  it('applies a timer row once when two processes fire it at the same moment', async () => {
    const leases = shardLeases(database.pool, 'both', { shardCount: SHARDS });
    await leases.start();
    try {
      // Two engines that both pass the shard fence (as two processes would in the instant before a
      // takeover is noticed): the row's delete in the firing transaction decides.
      const first = storeContext(database.pool, leases, SHARDS);
      const second = storeContext(database.pool, leases, SHARDS);
      const history = new HistoryEngine(first);
      for (let round = 0; round < 5; round += 1) {
        const runId = await startWorkflow(history, `raced-${round}`);
        const { rows } = await database.pool.query<{ payload: TaskMessage }>(
          `SELECT payload FROM outbox WHERE payload->>'runId' = $1 AND topic = 'kairos.tasks'`,
          [runId],
        );
        await completeWith(history, rows[0]!.payload, 0);
        const row = await timerRow(runId);

        await Promise.all([fireTimer(first, row), fireTimer(second, row)]);

        expect(await timerFiredCount(runId)).toBe(1);
        expect(await userTimerRows(runId)).toBe(0);
      }
    } finally {
      await leases.stop();
    }
  });

  it('fires a timer after a restart: the new process finds it in the table', async () => {
    const first = await startProcess('first-life');
    const runId = await runWithTimer(first, workflowIdOnShard(0, SHARDS, 'restart'), 1_500);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    expect(await userTimerRows(runId)).toBe(1);
    expect(await timerFiredCount(runId)).toBe(0);

    const second = await startProcess('second-life');

    await firstWorkflowTask([second], runId, 7);
    expect(await timerFiredCount(runId)).toBe(1);
  });

  it('fires the timer of a process that died once its lease expires and another takes the shard', async () => {
    const doomedPool = new pg.Pool({ connectionString: database.url, max: 4 });
    pools.push(doomedPool);
    const doomed = await startProcess('doomed', doomedPool);
    const runId = await runWithTimer(doomed, workflowIdOnShard(0, SHARDS, 'crash'), 500);
    // The process stops working and loses its database without releasing its leases.
    await doomed.service.stop();
    await doomedPool.end();

    const survivor = await startProcess('survivor');

    await firstWorkflowTask([survivor], runId, 7);
    expect(survivor.leases.ownedShards()).toContain(0);
    expect(await timerFiredCount(runId)).toBe(1);
  });
});

async function timerRow(runId: string): Promise<TimerRow> {
  const { rows } = await database.pool.query<{
    id: string;
    shard_id: number;
    fire_at: Date;
    namespace_id: string;
    workflow_id: string;
    payload: TimerRow['payload'];
  }>(
    `SELECT id, shard_id, fire_at, namespace_id, workflow_id, payload FROM timer_tasks
      WHERE run_id = $1 AND payload->>'type' = 'user-timer'`,
    [runId],
  );
  const row = rows[0]!;
  return {
    id: String(row.id),
    shardId: row.shard_id,
    fireAtMs: row.fire_at.getTime(),
    namespaceId: row.namespace_id,
    workflowId: row.workflow_id,
    runId,
    payload: row.payload,
  };
}
