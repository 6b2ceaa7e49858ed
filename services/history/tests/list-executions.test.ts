import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngineDatabase,
  startHistoryProcess,
  type EngineDatabase,
  type HistoryProcess,
} from './support/engine-database.ts';
import { NAMESPACE, startWorkflow } from './support/workflow-driver.ts';

let database: EngineDatabase;
let history: HistoryProcess;

beforeAll(async () => {
  database = await createEngineDatabase('history_list_executions');
  history = await startHistoryProcess(database.pool, 'history', { shardCount: 4 });
});
afterAll(async () => {
  await history?.stop();
  await database?.drop();
});

async function nextMillisecond(): Promise<void> {
  const now = Date.now();
  while (Date.now() === now) await new Promise((resolve) => setImmediate(resolve));
}

describe('namespace-wide reads', () => {
  it('count open runs across shards and list the newest first', async () => {
    const otherNamespace = { id: '11111111-1111-4111-8111-111111111111', name: 'other' };
    expect(await history.engine.countOpenExecutions(NAMESPACE)).toBe(0);
    expect(await history.engine.listRecentExecutions(NAMESPACE, { limit: 10 })).toEqual([]);

    const runIds: string[] = [];
    for (const workflowId of ['order-1', 'order-2', 'order-3', 'order-4', 'order-5']) {
      runIds.push(await startWorkflow(history.engine, workflowId));
      await nextMillisecond(); // start times order the list; equal ones would make the order arbitrary
    }
    await history.engine.terminateWorkflowExecution(NAMESPACE, {
      namespace: NAMESPACE.name,
      workflowExecution: { workflowId: 'order-2' },
      reason: 'test',
    });

    expect(await history.engine.countOpenExecutions(NAMESPACE)).toBe(4);
    expect(await history.engine.countOpenExecutions(otherNamespace)).toBe(0);

    const recent = await history.engine.listRecentExecutions(NAMESPACE, { limit: 3 });
    expect(recent.map((run) => run.workflowId)).toEqual(['order-5', 'order-4', 'order-3']);
    expect(recent[0]).toMatchObject({
      runId: runIds[4],
      workflowType: 'ProcessOrder',
      status: 'Running',
      closeTime: null,
    });
    const all = await history.engine.listRecentExecutions(NAMESPACE, { limit: 10 });
    const terminated = all.find((run) => run.workflowId === 'order-2');
    expect(terminated?.status).toBe('Terminated');
    expect(terminated?.closeTime).toBeInstanceOf(Date);
  });

  it.each([0, -1, 1.5, 1001])('refuses a limit of %s naming the field', async (limit) => {
    await expect(history.engine.listRecentExecutions(NAMESPACE, { limit })).rejects.toThrow(/limit/);
  });
});
