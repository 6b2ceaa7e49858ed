import { DomainError } from '@kairos/errors';
import { describe, expect, it } from 'vitest';
import { updateExecution } from '../src/engine/engine-context.ts';
import { HistoryEngine } from '../src/history-engine.ts';
import { ConcurrentUpdate, ExecutionStore } from '../src/persistence/execution-store.ts';
import type { ShardLeases } from '../src/shards/shard-leases.ts';
import { ExecutionMutation } from '../src/state/execution-mutation.ts';
import { NAMESPACE_ID } from './support/execution-fixture.ts';
import {
  footprint,
  persistedEventTypes,
  storeContext,
  useEngineDatabase,
  workflowIdOnShard,
} from './support/engine-database.ts';
import { signal, startWorkflow } from './support/workflow-driver.ts';

const SHARDS = 2;
const database = useEngineDatabase('history_store');

/** A process's leases, started (the first one takes every shard); cycles run only when a test asks. */
function startLeases(owner: string): Promise<ShardLeases> {
  return database.startLeases(owner, SHARDS);
}

/** A run on shard 1 created by process `a`, with a's leases and an engine over the store only. */
async function runOnShardOne() {
  const a = await startLeases('a');
  const context = storeContext(database.pool, a, SHARDS);
  const workflowId = workflowIdOnShard(1, SHARDS, 'fenced');
  const runId = await startWorkflow(new HistoryEngine(context), workflowId);
  return { a, context, workflowId, runId, ref: { namespaceId: NAMESPACE_ID, workflowId, runId } };
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('ExecutionStore', () => {
  it('fences a write made under a stale range id: UNAVAILABLE, and nothing is written', async () => {
    const { a, context, workflowId, runId } = await runOnShardOne();
    const before = await footprint(database.pool, runId);
    const b = await startLeases('b');
    // b joined by taking a's highest shard and bumping its range id; a has not noticed yet.
    expect(b.ownedShards()).toEqual([1]);
    expect(a.rangeIdOf(1)).toBeDefined();

    const error = await domainError(signal(new HistoryEngine(context), runId, 'too-late', workflowId));

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('history shard 1 is not owned by this process');
    expect(await footprint(database.pool, runId)).toEqual(before);
  });

  it('lets the new owner write once it holds the shard', async () => {
    const { workflowId, runId } = await runOnShardOne();
    const b = await startLeases('b');

    await signal(new HistoryEngine(storeContext(database.pool, b, SHARDS)), runId, 'hello', workflowId);

    expect(await persistedEventTypes(database.pool, runId)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
      'WorkflowExecutionSignaled',
    ]);
  });

  it('refuses a write based on an old db_version with ConcurrentUpdate', async () => {
    const { a, runId, ref } = await runOnShardOne();
    const store = new ExecutionStore(database.pool, a);
    const stored = (await store.load(ref.namespaceId, ref.workflowId, runId))!;
    const first = new ExecutionMutation(stored.state, Date.now());
    first.append('workflowExecutionSignaled', { signalName: 'first' });
    const second = new ExecutionMutation(stored.state, Date.now());
    second.append('workflowExecutionSignaled', { signalName: 'second' });

    await store.persist(1, stored.dbVersion, first, { kind: 'mirror' });
    await expect(store.persist(1, stored.dbVersion, second, { kind: 'mirror' })).rejects.toBeInstanceOf(
      ConcurrentUpdate,
    );

    expect((await footprint(database.pool, runId)).dbVersion).toBe(stored.dbVersion + 1);
  });

  it('retries a transition that lost the db_version race, from a fresh load', async () => {
    const { a, workflowId, runId, ref } = await runOnShardOne();
    const racer = new HistoryEngine(storeContext(database.pool, a, SHARDS));
    /** Lets another writer commit between this transition's load and its write, once. */
    class RacingStore extends ExecutionStore {
      raced = false;
      override async persist(...args: Parameters<ExecutionStore['persist']>) {
        if (!this.raced) {
          this.raced = true;
          await signal(racer, runId, 'racer', workflowId);
        }
        return super.persist(...args);
      }
    }
    const context = storeContext(database.pool, a, SHARDS, new RacingStore(database.pool, a));
    const seen: number[] = [];

    await updateExecution(context, ref, (mutation) => {
      seen.push(mutation.state.nextEventId);
      mutation.appendExternal(mutation.event('workflowExecutionSignaled', { signalName: 'mine' }));
    });

    expect(seen).toEqual([3, 4]);
    expect((await persistedEventTypes(database.pool, runId)).slice(2)).toEqual([
      'WorkflowExecutionSignaled',
      'WorkflowExecutionSignaled',
    ]);
  });

  it('writes nothing when the transition throws', async () => {
    const { context, runId, ref } = await runOnShardOne();
    const before = await footprint(database.pool, runId);

    const refused = updateExecution(context, ref, (mutation) => {
      mutation.append('workflowExecutionSignaled', { signalName: 'half-done' });
      mutation.addTimer(Date.now() + 60_000, { type: 'workflow-run-timeout' });
      mutation.dispatch({ ...taskFor(runId, ref.workflowId), scheduledEventId: 3 });
      throw new Error('refused half-way');
    });

    await expect(refused).rejects.toThrow('refused half-way');
    expect(await footprint(database.pool, runId)).toEqual(before);
  });

  it('rolls the whole write back when a statement fails inside the transaction', async () => {
    const { a, runId, ref } = await runOnShardOne();
    const before = await footprint(database.pool, runId);
    const store = new ExecutionStore(database.pool, a);
    const stored = (await store.load(ref.namespaceId, ref.workflowId, runId))!;
    const mutation = new ExecutionMutation({ ...stored.state, nextEventId: 2 }, Date.now());
    // Event 2 exists: the insert fails after the execution row was already updated in the transaction.
    mutation.append('workflowExecutionSignaled', { signalName: 'duplicate id' });
    mutation.addTimer(Date.now() + 60_000, { type: 'workflow-run-timeout' });
    mutation.dispatch({ ...taskFor(runId, ref.workflowId), scheduledEventId: 2 });

    await expect(store.persist(1, stored.dbVersion, mutation, { kind: 'mirror' })).rejects.toThrow(
      /history_events_pkey/,
    );
    expect(await footprint(database.pool, runId)).toEqual(before);
    expect(before.events).toBe(2);
  });
});

function taskFor(runId: string, workflowId: string) {
  return {
    kind: 'workflow' as const,
    namespaceId: NAMESPACE_ID,
    workflowId,
    runId,
    taskQueue: 'orders',
    taskQueueKind: 'normal' as const,
    normalTaskQueue: 'orders',
    attempt: 1,
    scheduledAtMs: Date.now(),
  };
}
