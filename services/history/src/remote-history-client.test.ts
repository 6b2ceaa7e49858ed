import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { InvalidArgument, NotFound, Unavailable } from '@kairos/errors';
import { serveInternalRpc } from '@kairos/internal-rpc';
import { createLogger } from '@kairos/telemetry';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryClient, NamespaceRef, PollerInfo } from './client.ts';
import { historyRpcHandlers } from './history-rpc-handlers.ts';
import { RemoteHistoryClient } from './remote-history-client.ts';
import { ShardLeases } from './shards/shard-leases.ts';
import { shardFor } from './shards/shard-for.ts';
import type { TaskMessage } from './task-message.ts';
import { encodeTaskToken } from './task-token.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const SHARDS = 4;
const namespace: NamespaceRef = { id: randomUUID(), name: 'orders' };
const runId = randomUUID();

/** Workflow ids that land on shard 0, 1, 2, 3 respectively. */
const workflowOnShard = Array.from({ length: SHARDS }, (_, shardId) => {
  for (let index = 0; ; index++) {
    if (shardFor(namespace.id, `wf-${index}`, SHARDS) === shardId) return `wf-${index}`;
  }
});

type Call = { method: string; args: unknown[] };
type Behaviour = (method: string, args: unknown[]) => Promise<unknown>;

/** A history process stand-in: records each call and answers with `behaviour` (default: its name). */
async function historyProcess(name: string) {
  const calls: Call[] = [];
  const state: { behaviour: Behaviour } = { behaviour: async () => ({ servedBy: name }) };
  const implementation = new Proxy({} as HistoryClient, {
    get:
      (_target, method: string) =>
      (...args: unknown[]) => {
        calls.push({ method, args });
        return state.behaviour(method, args);
      },
  });
  const server = await serveInternalRpc({
    host: '127.0.0.1',
    port: 0,
    handlers: historyRpcHandlers(implementation),
    logger,
  });
  cleanups.push(() => server.close());
  return { name, calls, state, server };
}

let database: ThrowawayDatabase;
let pool: pg.Pool;
const cleanups: (() => unknown)[] = [];
beforeAll(async () => {
  database = await createThrowawayDatabase('remote_history');
  await applyMigrations(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});
beforeEach(async () => {
  await pool.query('TRUNCATE history_shards');
  await pool.query('DELETE FROM engine_settings');
  await pool.query('INSERT INTO history_shards (shard_id) SELECT generate_series(0, $1::int - 1)', [SHARDS]);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Points a shard's lease row at `address` (undefined: released). */
async function setOwner(shardId: number, address: string | undefined) {
  await pool.query(
    `UPDATE history_shards SET range_id = range_id + 1, owner = $2, owner_address = $2,
       lease_expires_at = CASE WHEN $2::text IS NULL THEN now() ELSE now() + interval '1 hour' END
     WHERE shard_id = $1`,
    [shardId, address ?? null],
  );
}

function remote(options: { retryForMs?: number } = {}) {
  const client = new RemoteHistoryClient({ pool, shardCount: SHARDS, ...options });
  cleanups.push(() => client.close());
  return client;
}

/** A promise with its resolve function, to await a condition instead of sleeping. */
function signalled() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const poller: PollerInfo = {
  identity: 'worker-1',
  pollRequestId: 'poll-1',
  taskQueue: 'q',
  taskQueueKind: 'normal',
};
function task(workflowId: string, kind: TaskMessage['kind']): TaskMessage {
  return {
    kind,
    namespaceId: namespace.id,
    workflowId,
    runId,
    taskQueue: 'q',
    taskQueueKind: 'normal',
    normalTaskQueue: 'q',
    scheduledEventId: 2,
    attempt: 1,
    scheduledAtMs: 1,
  };
}
const token = (kind: 'workflow' | 'activity', workflowId: string) =>
  kind === 'workflow'
    ? encodeTaskToken({
        kind,
        namespaceId: namespace.id,
        workflowId,
        runId,
        scheduledEventId: 2,
        startedEventId: 3,
        attempt: 1,
      })
    : encodeTaskToken({
        kind,
        namespaceId: namespace.id,
        workflowId,
        runId,
        scheduledEventId: 5,
        activityId: 'a1',
        attempt: 1,
      });

describe('RemoteHistoryClient', () => {
  it("sends every method to the owner of the execution's shard, with its arguments intact", async () => {
    const [a, b] = [await historyProcess('a'), await historyProcess('b')];
    for (const shardId of [0, 1, 2, 3]) await setOwner(shardId, shardId === 2 ? b.server.url : a.server.url);
    const client = remote();
    const wf = workflowOnShard[2] as string; // owned by b
    const execution = { workflowId: wf, runId };

    const invocations: [keyof HistoryClient, () => Promise<unknown>][] = [
      [
        'startWorkflowExecution',
        () => client.startWorkflowExecution(namespace, { workflowId: wf, requestId: 'r1' }),
      ],
      ['recordWorkflowTaskStarted', () => client.recordWorkflowTaskStarted(task(wf, 'workflow'), poller)],
      ['recordActivityTaskStarted', () => client.recordActivityTaskStarted(task(wf, 'activity'), poller)],
      [
        'respondWorkflowTaskCompleted',
        () => client.respondWorkflowTaskCompleted(namespace, { taskToken: token('workflow', wf) }),
      ],
      [
        'respondWorkflowTaskFailed',
        () => client.respondWorkflowTaskFailed(namespace, { taskToken: token('workflow', wf) }),
      ],
      [
        'respondActivityTaskCompleted',
        () =>
          client.respondActivityTaskCompleted(namespace, {
            target: { taskToken: token('activity', wf) },
            identity: 'w',
            result: null,
          }),
      ],
      [
        'respondActivityTaskFailed',
        () =>
          client.respondActivityTaskFailed(namespace, {
            target: { workflowId: wf, runId, activityId: 'a1' },
            identity: 'w',
            failure: { message: 'boom' },
            lastHeartbeatDetails: null,
          }),
      ],
      [
        'respondActivityTaskCanceled',
        () =>
          client.respondActivityTaskCanceled(namespace, {
            target: { taskToken: token('activity', wf) },
            identity: 'w',
            details: null,
          }),
      ],
      [
        'recordActivityTaskHeartbeat',
        () =>
          client.recordActivityTaskHeartbeat(namespace, {
            target: { workflowId: wf, runId, activityId: 'a1' },
            identity: 'w',
            details: null,
          }),
      ],
      [
        'signalWorkflowExecution',
        () => client.signalWorkflowExecution(namespace, { workflowExecution: execution, signalName: 's' }),
      ],
      [
        'requestCancelWorkflowExecution',
        () => client.requestCancelWorkflowExecution(namespace, { workflowExecution: execution }),
      ],
      [
        'terminateWorkflowExecution',
        () => client.terminateWorkflowExecution(namespace, { workflowExecution: execution }),
      ],
      ['describeWorkflowExecution', () => client.describeWorkflowExecution(namespace, { execution })],
      ['getWorkflowExecutionHistory', () => client.getWorkflowExecutionHistory(namespace, { execution })],
      [
        'getWorkflowExecutionHistoryReverse',
        () => client.getWorkflowExecutionHistoryReverse(namespace, { execution }),
      ],
      ['resetStickyTaskQueue', () => client.resetStickyTaskQueue(namespace, { execution })],
      ['getQueryTarget', () => client.getQueryTarget(namespace, { workflowId: wf })],
    ];
    for (const [, invoke] of invocations) expect(await invoke()).toEqual({ servedBy: 'b' });

    expect(a.calls).toEqual([]);
    expect(b.calls.map((call) => call.method)).toEqual(invocations.map(([method]) => method));
    expect(b.calls[0]?.args).toEqual([namespace, { workflowId: wf, requestId: 'r1' }]);
    expect(b.calls[1]?.args).toEqual([task(wf, 'workflow'), poller]);
    const completed = b.calls[3]?.args[1] as { taskToken: Uint8Array };
    expect(Buffer.from(completed.taskToken).equals(Buffer.from(token('workflow', wf)))).toBe(true);
    // The history long poll gets a signal on the server side (the caller's lifetime).
    expect(b.calls[13]?.args[2]).toBeInstanceOf(AbortSignal);

    // Another shard's workflow goes to its owner.
    await client.signalWorkflowExecution(namespace, {
      workflowExecution: { workflowId: workflowOnShard[0] },
    });
    expect(a.calls.map((call) => call.method)).toEqual(['signalWorkflowExecution']);
  });

  it("sends namespace-wide reads to the owner of the namespace's shard, with Dates intact", async () => {
    const a = await historyProcess('a');
    const b = await historyProcess('b');
    const namespaceShard = shardFor(namespace.id, '', SHARDS);
    for (let shardId = 0; shardId < SHARDS; shardId++) {
      await setOwner(shardId, shardId === namespaceShard ? b.server.url : a.server.url);
    }
    const startTime = new Date('2026-11-23T10:00:00.000Z');
    b.state.behaviour = async (method) =>
      method === 'countOpenExecutions' ? 7 : [{ workflowId: 'wf', startTime }];
    const client = remote();

    expect(await client.countOpenExecutions(namespace)).toBe(7);
    expect(await client.listRecentExecutions(namespace, { limit: 5 })).toEqual([
      { workflowId: 'wf', startTime },
    ]);
    expect(a.calls).toEqual([]);
    expect(b.calls).toEqual([
      { method: 'countOpenExecutions', args: [namespace] },
      { method: 'listRecentExecutions', args: [namespace, { limit: 5 }] },
    ]);
  });

  it("passes the engine's errors through without retrying, and rejects a bad token before calling", async () => {
    const b = await historyProcess('b');
    b.state.behaviour = async () => {
      throw new NotFound('workflow execution not found: workflowId "wf"');
    };
    for (const shardId of [0, 1, 2, 3]) await setOwner(shardId, b.server.url);
    const client = remote();

    await expect(
      client.describeWorkflowExecution(namespace, { execution: { workflowId: 'wf' } }),
    ).rejects.toThrow(NotFound);
    expect(b.calls).toHaveLength(1);
    await expect(
      client.respondWorkflowTaskCompleted(namespace, { taskToken: Buffer.from('junk') }),
    ).rejects.toThrow(InvalidArgument);
    await expect(client.signalWorkflowExecution(namespace, { workflowExecution: {} })).rejects.toThrow(
      'workflowExecution.workflowId: must not be empty',
    );
    expect(b.calls).toHaveLength(1);
  });

  it('follows a shard to its new owner when the old one answers that it lost it', async () => {
    const [a, b] = [await historyProcess('a'), await historyProcess('b')];
    const wf = workflowOnShard[1] as string;
    await setOwner(1, a.server.url);
    const client = remote();
    expect(await client.describeWorkflowExecution(namespace, { execution: { workflowId: wf } })).toEqual({
      servedBy: 'a',
    });

    // Shard 1 moves to b; a still runs but no longer owns it (the engine's shardNotOwned answer).
    await setOwner(1, b.server.url);
    a.state.behaviour = async () => {
      throw new Unavailable('history shard 1 is not owned by this process; retry');
    };

    expect(await client.describeWorkflowExecution(namespace, { execution: { workflowId: wf } })).toEqual({
      servedBy: 'b',
    });
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(1);
  });

  it('keeps retrying while a shard has no reachable owner, and succeeds once one takes it', async () => {
    const b = await historyProcess('b');
    const wf = workflowOnShard[3] as string;
    await setOwner(3, `http://127.0.0.1:${await closedPort()}`); // the owner died
    const client = remote({ retryForMs: 10_000 });

    const call = client.getQueryTarget(namespace, { workflowId: wf });
    await setOwner(3, undefined); // its lease is released...
    setTimeout(() => void setOwner(3, b.server.url), 300); // ...and b takes the shard a little later

    expect(await call).toEqual({ servedBy: 'b' });
    expect(b.calls).toHaveLength(1);
  });

  it('gives up after retryForMs with Unavailable naming the shard', async () => {
    await setOwner(3, `http://127.0.0.1:${await closedPort()}`);
    const client = remote({ retryForMs: 300 });
    const startedAt = Date.now();

    const error = await client
      .getQueryTarget(namespace, { workflowId: workflowOnShard[3] as string })
      .catch((caught) => caught);

    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toBe('history shard 3 is unavailable: no owner answered within 300 ms');
    expect((error as Error).cause).toBeInstanceOf(Unavailable);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  });

  it('ends the remote history long poll when the caller aborts', async () => {
    const b = await historyProcess('b');
    const aborted = signalled();
    const entered = signalled();
    b.state.behaviour = (_method, args) =>
      new Promise((_resolve, reject) => {
        const signal = args[2] as AbortSignal;
        signal.addEventListener('abort', () => {
          aborted.resolve();
          reject(signal.reason);
        });
        entered.resolve();
      });
    for (const shardId of [0, 1, 2, 3]) await setOwner(shardId, b.server.url);
    const controller = new AbortController();

    const poll = remote().getWorkflowExecutionHistory(
      namespace,
      { execution: { workflowId: 'wf' }, waitNewEvent: true },
      controller.signal,
    );
    await entered.promise;
    controller.abort(new Error('the SDK cancelled its call'));

    await expect(poll).rejects.toThrow('the SDK cancelled its call');
    await aborted.promise;
  });

  it('routes by real shard leases, and follows the shards of a process that stops', async () => {
    await pool.query('TRUNCATE history_shards');
    const processes = await Promise.all(['a', 'b'].map((name) => historyProcess(name)));
    const leases = processes.map(
      (process) =>
        new ShardLeases({
          pool,
          shardCount: SHARDS,
          owner: process.name,
          ownerAddress: process.server.url,
          logger,
        }),
    );
    // Like the engine: answer only for shards this process owns.
    processes.forEach((process, index) => {
      process.state.behaviour = async (_method, args) => {
        const workflowId = (args[1] as { workflowId: string }).workflowId;
        const shardId = shardFor(namespace.id, workflowId, SHARDS);
        if (leases[index]?.rangeIdOf(shardId) === undefined)
          throw new Unavailable(`shard ${shardId} not owned`);
        return { servedBy: process.name };
      };
    });
    cleanups.push(() => Promise.all(leases.map((lease) => lease.stop())));
    for (const lease of leases) await lease.start();
    await leases[0]?.refresh();
    await leases[1]?.refresh();
    const client = remote();
    const servedBy = async () =>
      Promise.all(workflowOnShard.map((workflowId) => client.getQueryTarget(namespace, { workflowId })));

    expect(await servedBy()).toEqual([
      { servedBy: 'a' },
      { servedBy: 'a' },
      { servedBy: 'b' },
      { servedBy: 'b' },
    ]);

    await leases[0]?.stop();
    const moved = servedBy();
    await leases[1]?.refresh();
    expect(await moved).toEqual([{ servedBy: 'b' }, { servedBy: 'b' }, { servedBy: 'b' }, { servedBy: 'b' }]);
  });
});
