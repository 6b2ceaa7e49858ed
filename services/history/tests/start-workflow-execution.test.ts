import { DomainError } from '@kairos/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryEngine } from '../src/history-engine.ts';
import type { ShardLeases } from '../src/shards/shard-leases.ts';
import { NAMESPACE_ID } from './support/execution-fixture.ts';
import {
  createEngineDatabase,
  persistedEventTypes,
  shardLeases,
  storeContext,
  type EngineDatabase,
} from './support/engine-database.ts';
import { startWorkflow } from './support/workflow-driver.ts';

const SHARDS = 4;
let database: EngineDatabase;
let leases: ShardLeases;
/** Two engines over the same shards, as two api calls landing on the same process concurrently. */
let engines: [HistoryEngine, HistoryEngine];

beforeAll(async () => {
  database = await createEngineDatabase('history_start');
  leases = shardLeases(database.pool, 'history', { shardCount: SHARDS });
  await leases.start();
  engines = [
    new HistoryEngine(storeContext(database.pool, leases, SHARDS)),
    new HistoryEngine(storeContext(database.pool, leases, SHARDS)),
  ];
});
afterAll(async () => {
  await leases?.stop();
  await database?.drop();
});

async function runsOf(workflowId: string): Promise<string[]> {
  const { rows } = await database.pool.query<{ run_id: string }>(
    'SELECT run_id FROM executions WHERE namespace_id = $1 AND workflow_id = $2',
    [NAMESPACE_ID, workflowId],
  );
  return rows.map((row) => row.run_id);
}

async function currentRunOf(workflowId: string): Promise<string | undefined> {
  const { rows } = await database.pool.query<{ run_id: string }>(
    'SELECT run_id FROM current_executions WHERE namespace_id = $1 AND workflow_id = $2',
    [NAMESPACE_ID, workflowId],
  );
  return rows[0]?.run_id;
}

describe('startWorkflowExecution', () => {
  it('answers a retried start (same request id) with the run it created, starting nothing new', async () => {
    const runId = await startWorkflow(engines[0], 'idempotent', 'request-1');

    expect(await startWorkflow(engines[1], 'idempotent', 'request-1')).toBe(runId);
    expect(await runsOf('idempotent')).toEqual([runId]);
    expect(await persistedEventTypes(database.pool, runId)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
    ]);
  });

  it('refuses another start of a running workflow id with ALREADY_EXISTS naming the run', async () => {
    const runId = await startWorkflow(engines[0], 'taken', 'request-1');

    const error = await startWorkflow(engines[0], 'taken', 'request-2').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ALREADY_EXISTS');
    expect((error as DomainError).message).toContain(runId);
    expect((error as DomainError).detail).toMatchObject({ type: 'WorkflowExecutionAlreadyStarted', runId });
  });

  it('lets exactly one of many concurrent starts win; the others get ALREADY_EXISTS', async () => {
    const starts = Array.from({ length: 8 }, (_, index) =>
      startWorkflow(engines[index % 2]!, 'contended', `request-${index}`),
    );

    const outcomes = await Promise.allSettled(starts);

    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers.map((outcome) => (outcome.reason as DomainError).code)).toEqual(
      Array(7).fill('ALREADY_EXISTS'),
    );
    const winner = (winners[0] as PromiseFulfilledResult<string>).value;
    expect(await runsOf('contended')).toEqual([winner]);
    expect(await currentRunOf('contended')).toBe(winner);
  });

  it('gives every concurrent retry of one start the same run', async () => {
    const starts = Array.from({ length: 6 }, (_, index) =>
      startWorkflow(engines[index % 2]!, 'retried', 'same-request'),
    );

    const runIds = await Promise.all(starts);

    expect(new Set(runIds).size).toBe(1);
    expect(await runsOf('retried')).toEqual([runIds[0]]);
  });
});
