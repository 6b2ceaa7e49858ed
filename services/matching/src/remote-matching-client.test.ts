import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { NotFound, Unavailable } from '@kairos/errors';
import type { QueryTarget } from '@kairos/history/client';
import { serveInternalRpc } from '@kairos/internal-rpc';
import { Long, int64ToNumber, temporal } from '@kairos/proto';
import { createLogger } from '@kairos/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import type { MatchingClient, NamespaceRef } from './client.ts';
import { matchingRpcHandlers } from './matching-rpc-handlers.ts';
import { RemoteMatchingClient } from './remote-matching-client.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const namespace: NamespaceRef = { id: randomUUID(), name: 'orders' };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Call = { method: string; args: unknown[] };

/** A matching process stand-in: records each call and answers with `behaviour` (default: the method name). */
async function matchingProcess() {
  const calls: Call[] = [];
  const state: { behaviour: (method: string, args: unknown[]) => Promise<unknown> } = {
    behaviour: async (method) => ({ answeredBy: method }),
  };
  const implementation = new Proxy({} as MatchingClient, {
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
    handlers: matchingRpcHandlers(implementation),
    logger,
  });
  const client = new RemoteMatchingClient({ url: server.url });
  cleanups.push(
    () => server.close(),
    () => client.close(),
  );
  return { calls, state, client };
}

/** Resolves when the remote handler saw its signal abort; `entered` when the handler started. */
function waitForAbort(state: { behaviour: (method: string, args: unknown[]) => Promise<unknown> }) {
  let enteredResolve!: () => void;
  let abortedResolve!: (reason: unknown) => void;
  const entered = new Promise<void>((resolve) => (enteredResolve = resolve));
  const aborted = new Promise<unknown>((resolve) => (abortedResolve = resolve));
  state.behaviour = (_method, args) =>
    new Promise((_resolve, reject) => {
      const signal = args.at(-1) as AbortSignal;
      signal.addEventListener('abort', () => {
        abortedResolve(signal.reason);
        reject(signal.reason);
      });
      enteredResolve();
    });
  return { entered, aborted };
}

const queryTarget: QueryTarget = {
  workflowId: 'wf-1',
  runId: randomUUID(),
  workflowType: 'order',
  status: temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
  taskQueue: 'orders',
  stickyTaskQueue: undefined,
  history: [
    temporal.api.history.v1.HistoryEvent.create({
      eventId: Long.fromNumber(1),
      eventType: temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
    }),
  ],
};

describe('RemoteMatchingClient', () => {
  it('calls every method on the matching process with its arguments, signals on the long ones', async () => {
    const { calls, client } = await matchingProcess();
    const signal = new AbortController().signal;
    const taskQueue = { name: 'orders' };

    expect(await client.pollWorkflowTaskQueue(namespace, { taskQueue, identity: 'w1' }, signal)).toEqual({
      answeredBy: 'pollWorkflowTaskQueue',
    });
    await client.pollActivityTaskQueue(namespace, { taskQueue, identity: 'w1' }, signal);
    await client.queryWorkflow(namespace, queryTarget, { queryType: 'status' }, signal);
    await client.respondQueryTaskCompleted(namespace, { taskToken: new Uint8Array([1, 2]) });
    await client.describeTaskQueue(namespace, { taskQueue });
    await client.shutdownWorker(namespace, { stickyTaskQueue: 'sticky-1' });

    expect(calls.map((call) => call.method)).toEqual([
      'pollWorkflowTaskQueue',
      'pollActivityTaskQueue',
      'queryWorkflow',
      'respondQueryTaskCompleted',
      'describeTaskQueue',
      'shutdownWorker',
    ]);
    expect(calls[0]?.args.slice(0, 2)).toEqual([namespace, { taskQueue, identity: 'w1' }]);
    for (const index of [0, 1, 2]) expect(calls[index]?.args.at(-1)).toBeInstanceOf(AbortSignal);
    expect(calls[3]?.args).toEqual([namespace, { taskToken: new Uint8Array([1, 2]) }]);
    const [, target, query] = calls[2]?.args as [NamespaceRef, QueryTarget, unknown];
    expect(query).toEqual({ queryType: 'status' });
    expect(target.runId).toBe(queryTarget.runId);
    // The event's int64 id crossed as a plain object; the converter reads it.
    expect(int64ToNumber(target.history[0]?.eventId)).toBe(1);
  });

  it('ends the remote long poll when the caller aborts, and answers the poll empty', async () => {
    const { state, client } = await matchingProcess();
    const { entered, aborted } = waitForAbort(state);
    const controller = new AbortController();

    const poll = client.pollWorkflowTaskQueue(
      namespace,
      { taskQueue: { name: 'orders' } },
      controller.signal,
    );
    await entered;
    controller.abort();

    expect(await poll).toEqual({});
    expect(await aborted).toBeInstanceOf(Error);
  });

  it('ends the remote query wait when the caller aborts', async () => {
    const { state, client } = await matchingProcess();
    const { entered, aborted } = waitForAbort(state);
    const controller = new AbortController();

    const query = client.queryWorkflow(namespace, queryTarget, { queryType: 'status' }, controller.signal);
    await entered;
    controller.abort(new Error('the query deadline passed'));

    await expect(query).rejects.toThrow('the query deadline passed');
    await aborted;
  });

  it("passes matching's domain errors through as the same class", async () => {
    const { state, client } = await matchingProcess();
    state.behaviour = async () => {
      throw new NotFound('query task not found, or already expired');
    };

    await expect(
      client.respondQueryTaskCompleted(namespace, { taskToken: new Uint8Array([1]) }),
    ).rejects.toThrow(new NotFound('query task not found, or already expired'));
  });

  it('answers Unavailable naming matching when it cannot be reached, also for a poll', async () => {
    const port = await closedPort();
    const client = new RemoteMatchingClient({ url: `http://127.0.0.1:${port}` });
    cleanups.push(() => client.close());

    const error = await client
      .pollActivityTaskQueue(namespace, { taskQueue: { name: 'orders' } }, new AbortController().signal)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Error).message).toBe(
      `internal rpc pollActivityTaskQueue to http://127.0.0.1:${port} failed: ECONNREFUSED`,
    );
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
