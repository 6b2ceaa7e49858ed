import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMatchingFixture,
  pollWorkflow,
  untilPollsWaiting,
  workflowTask,
  type MatchingFixture,
} from './support/matching-fixture.ts';

let fixture: MatchingFixture;
beforeAll(async () => {
  fixture = await createMatchingFixture('sticky');
});
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

const grace = 300;

/** A sticky task of worker 1 for a workflow whose normal queue is `orders`. */
function stickyTask(namespaceId: string) {
  return workflowTask(namespaceId, 'worker-1-sticky', { taskQueueKind: 'sticky', normalTaskQueue: 'orders' });
}

/** Polls the sticky queue once, briefly, so matching has seen its worker alive. */
async function pollStickyBriefly(
  engine: ReturnType<MatchingFixture['engine']>,
  namespace: { id: string; name: string },
) {
  const controller = new AbortController();
  const poll = pollWorkflow(engine, namespace, 'worker-1-sticky', {
    stickyOf: 'orders',
    signal: controller.signal,
  });
  await untilPollsWaiting(engine, namespace.id, 'worker-1-sticky');
  controller.abort();
  expect(await poll).toEqual({});
}

describe('sticky queues', () => {
  it('hands a sticky task to the poll waiting on its sticky queue', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: grace });
    const namespace = fixture.namespace();
    const poll = pollWorkflow(engine, namespace, 'worker-1-sticky', { stickyOf: 'orders' });
    await untilPollsWaiting(engine, namespace.id, 'worker-1-sticky');
    const task = stickyTask(namespace.id);

    await engine.handleTaskMessage(task);
    expect((await poll).workflowExecution?.workflowId).toBe(task.workflowId);
    expect(fixture.history.calls[0]?.poller).toMatchObject({
      taskQueue: 'worker-1-sticky',
      taskQueueKind: 'sticky',
    });
  });

  it('keeps a sticky task on its queue while the worker polled within the grace period', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: 60_000 });
    const namespace = fixture.namespace();
    await pollStickyBriefly(engine, namespace);
    const task = stickyTask(namespace.id);

    await engine.handleTaskMessage(task);
    expect(await fixture.backlog(namespace.id)).toEqual([task]);
    const response = await pollWorkflow(engine, namespace, 'worker-1-sticky', { stickyOf: 'orders' });
    expect(response.workflowExecution?.workflowId).toBe(task.workflowId);
  });

  it('sends a sticky task to the normal queue when this process never saw its sticky queue polled', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: grace });
    const namespace = fixture.namespace();
    const task = stickyTask(namespace.id);

    await engine.handleTaskMessage(task);
    expect(await fixture.backlog(namespace.id)).toEqual([
      { ...task, taskQueue: 'orders', taskQueueKind: 'normal' },
    ]);
    const response = await pollWorkflow(engine, namespace, 'orders');
    expect(response.workflowExecution?.workflowId).toBe(task.workflowId);
    expect(fixture.history.calls[0]?.task).toMatchObject({ taskQueue: 'orders', taskQueueKind: 'normal' });
  });

  it('sends a sticky task to the normal queue once no poll came within the grace period', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: grace });
    const namespace = fixture.namespace();
    await pollStickyBriefly(engine, namespace);
    await new Promise((resolve) => setTimeout(resolve, grace + 50));

    await engine.handleTaskMessage(stickyTask(namespace.id));
    expect((await fixture.backlog(namespace.id)).map((task) => task.taskQueue)).toEqual(['orders']);
  });

  it('ShutdownWorker moves the sticky backlog to the normal queue, and later sticky tasks go there directly', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: 60_000 });
    const namespace = fixture.namespace();
    await pollStickyBriefly(engine, namespace);
    const before = stickyTask(namespace.id);
    await engine.handleTaskMessage(before);
    expect((await fixture.backlog(namespace.id)).map((task) => task.taskQueue)).toEqual(['worker-1-sticky']);

    await engine.shutdownWorker(namespace, { namespace: namespace.name, stickyTaskQueue: 'worker-1-sticky' });
    expect(await fixture.backlog(namespace.id)).toEqual([
      { ...before, taskQueue: 'orders', taskQueueKind: 'normal' },
    ]);
    const after = stickyTask(namespace.id);
    await engine.handleTaskMessage(after);
    expect((await fixture.backlog(namespace.id)).map((task) => task.workflowId)).toEqual([
      before.workflowId,
      after.workflowId,
    ]);
    expect((await pollWorkflow(engine, namespace, 'orders')).workflowExecution?.workflowId).toBe(
      before.workflowId,
    );
  });

  it('moves a sticky task nobody took to the normal queue once its worker stopped polling', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: grace });
    const namespace = fixture.namespace();
    await pollStickyBriefly(engine, namespace);
    const task = stickyTask(namespace.id);
    await engine.handleTaskMessage(task);
    expect((await fixture.backlog(namespace.id)).map((row) => row.taskQueue)).toEqual(['worker-1-sticky']);

    // A poll of the normal queue receives it after the sweep moved it.
    const response = await pollWorkflow(engine, namespace, 'orders');
    expect(response.workflowExecution?.workflowId).toBe(task.workflowId);
  });

  it('a sticky poll waits only on its sticky queue', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: grace, longPollMs: 300 });
    const namespace = fixture.namespace();
    const normal = workflowTask(namespace.id, 'orders');
    await engine.handleTaskMessage(normal);

    expect(await pollWorkflow(engine, namespace, 'worker-1-sticky', { stickyOf: 'orders' })).toEqual({});
    expect(await fixture.backlog(namespace.id)).toEqual([normal]);
  });
});
