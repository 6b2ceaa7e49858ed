import { NotFound, Unavailable } from '@kairos/errors';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MatchingEngine } from '../src/matching-engine.ts';
import {
  activityTask,
  createMatchingFixture,
  isSettled,
  pollActivity,
  pollWorkflow,
  untilPollsWaiting,
  workflowTask,
  type MatchingFixture,
} from './support/matching-fixture.ts';

let fixture: MatchingFixture;
beforeAll(async () => {
  fixture = await createMatchingFixture('dispatch');
});
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

describe('dispatch', () => {
  it('hands a task to a waiting poll directly; the bus handler resolves only once history started it', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const poll = pollWorkflow(engine, namespace, 'orders', { identity: 'worker-a' });
    await untilPollsWaiting(engine, namespace.id, 'orders');
    fixture.history.hold();
    const task = workflowTask(namespace.id, 'orders');

    const handled = engine.handleTaskMessage(task);
    await expect.poll(() => fixture.history.calls.length).toBe(1);
    expect(await isSettled(handled)).toBe(false);
    expect(await fixture.backlog(namespace.id)).toEqual([]);

    fixture.history.releaseHeld();
    await handled;
    const response = await poll;
    expect(response.workflowExecution).toEqual({ workflowId: task.workflowId, runId: task.runId });
    const { poller } = fixture.history.calls[0]!;
    expect(poller).toMatchObject({ identity: 'worker-a', taskQueue: 'orders', taskQueueKind: 'normal' });
    expect(poller.pollRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a task no poll waits for in the backlog, and a later poll claims it', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');

    await engine.handleTaskMessage(task);
    expect(await fixture.backlog(namespace.id)).toEqual([task]);

    const response = await pollWorkflow(engine, namespace, 'orders');
    expect(response.workflowExecution?.workflowId).toBe(task.workflowId);
    expect(await fixture.backlog(namespace.id)).toEqual([]);
  });

  it('wakes a waiting poll for a task that went to the backlog while the poll was busy', async () => {
    const engine = fixture.engine({ backlogRecheckMs: 60_000 });
    const namespace = fixture.namespace();
    const first = workflowTask(namespace.id, 'orders');
    const second = workflowTask(namespace.id, 'orders');
    const poll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');
    fixture.history.failWith = (task) => (task === first ? new NotFound('stale') : undefined);
    fixture.history.hold();

    // The poll is busy with `first` (history holds it), so `second` cannot be handed over directly.
    const handledFirst = engine.handleTaskMessage(first);
    await expect.poll(() => fixture.history.calls.length).toBe(1);
    await engine.handleTaskMessage(second);
    expect(await fixture.backlog(namespace.id)).toEqual([second]);
    fixture.history.releaseHeld();
    await handledFirst;

    // Found through the wake-up, not the (one minute) recheck.
    expect((await poll).workflowExecution?.workflowId).toBe(second.workflowId);
  });

  it('claims backlog tasks oldest first', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const tasks = [1, 2, 3].map(() => workflowTask(namespace.id, 'orders'));
    for (const task of tasks) await engine.handleTaskMessage(task);

    const received = [];
    for (let index = 0; index < tasks.length; index++) {
      received.push((await pollWorkflow(engine, namespace, 'orders')).workflowExecution?.workflowId);
    }
    expect(received).toEqual(tasks.map((task) => task.workflowId));
  });

  it('stores a redelivered message once', async () => {
    const engine = fixture.engine({ longPollMs: 300 });
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');

    await engine.handleTaskMessage(task);
    await engine.handleTaskMessage({ ...task });
    expect(await fixture.backlog(namespace.id)).toHaveLength(1);

    expect((await pollWorkflow(engine, namespace, 'orders')).workflowExecution?.workflowId).toBe(
      task.workflowId,
    );
    expect(await pollWorkflow(engine, namespace, 'orders')).toEqual({});
    expect(fixture.history.calls).toHaveLength(1);
  });

  it('drops a stale backlog task and delivers the next one in the same poll', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const stale = workflowTask(namespace.id, 'orders');
    const fresh = workflowTask(namespace.id, 'orders');
    for (const task of [stale, fresh]) await engine.handleTaskMessage(task);
    fixture.history.failWith = (task) =>
      task.runId === stale.runId ? new NotFound('workflow task already started') : undefined;

    const response = await pollWorkflow(engine, namespace, 'orders');
    expect(response.workflowExecution?.workflowId).toBe(fresh.workflowId);
    expect(fixture.history.calls.map(({ task }) => task.workflowId)).toEqual([
      stale.workflowId,
      fresh.workflowId,
    ]);
    expect(await fixture.backlog(namespace.id)).toEqual([]);
  });

  it('drops a stale task handed over directly and keeps the poll waiting for the next', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const stale = workflowTask(namespace.id, 'orders');
    const fresh = workflowTask(namespace.id, 'orders');
    fixture.history.failWith = (task) => (task === stale ? new NotFound('run closed') : undefined);
    const poll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');

    await engine.handleTaskMessage(stale);
    expect(await fixture.backlog(namespace.id)).toEqual([]);
    await untilPollsWaiting(engine, namespace.id, 'orders');
    await engine.handleTaskMessage(fresh);

    expect((await poll).workflowExecution?.workflowId).toBe(fresh.workflowId);
  });

  it('puts a task back in the backlog when its poll is aborted before history started it', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const poll = pollWorkflow(engine, namespace, 'orders', { signal: controller.signal });
    await untilPollsWaiting(engine, namespace.id, 'orders');
    const task = workflowTask(namespace.id, 'orders');

    // Handed over synchronously; the poll is aborted before it can ask history.
    const handled = engine.handleTaskMessage(task);
    controller.abort();
    await handled;

    expect(await poll).toEqual({});
    expect(fixture.history.calls).toEqual([]);
    expect(await fixture.backlog(namespace.id)).toEqual([task]);
    expect((await pollWorkflow(engine, namespace, 'orders')).workflowExecution?.workflowId).toBe(
      task.workflowId,
    );
  });

  it('keeps a task in the backlog while history cannot start it, and delivers it once history is back', async () => {
    const engine = fixture.engine({ longPollMs: 400 });
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');
    await engine.handleTaskMessage(task);
    fixture.history.failWith = () => new Unavailable('shard 3 is moving');

    expect(await pollWorkflow(engine, namespace, 'orders')).toEqual({});
    expect(fixture.history.calls.length).toBeGreaterThanOrEqual(1);
    // Paused until the next recheck rather than retrying in a loop.
    expect(fixture.history.calls.length).toBeLessThanOrEqual(6);
    expect(await fixture.backlog(namespace.id)).toEqual([task]);

    fixture.history.failWith = () => undefined;
    expect((await pollWorkflow(engine, namespace, 'orders')).workflowExecution?.workflowId).toBe(
      task.workflowId,
    );
  });

  it('puts a directly handed task in the backlog when history cannot start it', async () => {
    const engine = fixture.engine({ longPollMs: 400 });
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');
    fixture.history.failWith = () => new Unavailable('shard 3 is moving');
    const poll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');

    await engine.handleTaskMessage(task);
    expect(fixture.history.calls).toHaveLength(1);
    expect(await fixture.backlog(namespace.id)).toEqual([task]);
    expect(await poll).toEqual({});
  });

  it('leaves the task in the backlog when the process holding its claim dies before history answered', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');
    await engine.handleTaskMessage(task);
    fixture.history.hold();
    const poll = pollWorkflow(engine, namespace, 'orders');
    await expect.poll(() => fixture.history.calls.length).toBe(1);

    // The claim's connection dies (as it would with its process): Postgres rolls the claim back.
    await fixture.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    expect(await fixture.backlog(namespace.id)).toEqual([task]);
    fixture.history.releaseHeld();
    await poll;
  });

  it('answers empty when the long-poll window passes', async () => {
    const engine = fixture.engine({ longPollMs: 250 });
    const namespace = fixture.namespace();
    const started = Date.now();
    expect(await pollWorkflow(engine, namespace, 'orders')).toEqual({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers empty at once when the poll is aborted', async () => {
    const engine = fixture.engine({ longPollMs: 30_000 });
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const poll = pollActivity(engine, namespace, 'orders', { signal: controller.signal });
    await untilPollsWaiting(engine, namespace.id, 'orders', 1, 'activity');
    const started = Date.now();
    controller.abort();
    expect(await poll).toEqual({});
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('keeps workflow and activity tasks of one queue name apart', async () => {
    const engine = fixture.engine({ longPollMs: 300 });
    const namespace = fixture.namespace();
    const workflowPoll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');
    const task = activityTask(namespace.id, 'orders');

    await engine.handleTaskMessage(task);
    expect(await workflowPoll).toEqual({});
    const response = await pollActivity(engine, namespace, 'orders');
    expect(response.activityId).toBe('activity-5');
    expect(fixture.history.calls.map(({ poller }) => poller.taskQueueKind)).toEqual(['normal']);
  });

  it('fails the bus handler when the backlog cannot store the task, so the bus delivers it again', async () => {
    const unreachable = new pg.Pool({ connectionString: 'postgresql://kairos:kairos@127.0.0.1:1/kairos' });
    const engine = new MatchingEngine({
      pool: unreachable,
      history: fixture.history,
      logger: fixture.logger,
    });
    try {
      await expect(
        engine.handleTaskMessage(workflowTask(fixture.namespace().id, 'orders')),
      ).rejects.toThrow();
    } finally {
      await engine.close();
      await unreachable.end();
    }
  });
});

describe('several matching processes on one database', () => {
  it('each claims distinct tasks', async () => {
    const engines = [fixture.engine({ longPollMs: 300 }), fixture.engine({ longPollMs: 300 })];
    const namespace = fixture.namespace();
    const tasks = Array.from({ length: 24 }, () => workflowTask(namespace.id, 'orders'));
    for (const task of tasks) await engines[0]!.handleTaskMessage(task);

    const receivedBy = new Map<string, number>();
    // Eight concurrent pollers, each taking at most three: together exactly the 24 tasks, so both
    // engines must claim some however the scheduler orders them (one engine's pollers could otherwise
    // drain the backlog alone on a busy machine).
    const perPoller = tasks.length / 8;
    await Promise.all(
      engines.flatMap((engine, engineIndex) =>
        Array.from({ length: 4 }, async () => {
          for (let taken = 0; taken < perPoller; taken++) {
            const response = await pollWorkflow(engine, namespace, 'orders');
            const workflowId = response.workflowExecution?.workflowId;
            if (!workflowId) return;
            expect(receivedBy.has(workflowId)).toBe(false);
            receivedBy.set(workflowId, engineIndex);
          }
        }),
      ),
    );
    expect([...receivedBy.keys()].sort()).toEqual(tasks.map((task) => task.workflowId).sort());
    expect(new Set(receivedBy.values())).toEqual(new Set([0, 1]));
    expect(fixture.history.calls).toHaveLength(tasks.length);
  });

  it('a poll waiting in one process finds a task another process stored', async () => {
    const [storing, polling] = [fixture.engine(), fixture.engine()];
    const namespace = fixture.namespace();
    const poll = pollWorkflow(polling, namespace, 'orders');
    await untilPollsWaiting(polling, namespace.id, 'orders');
    const task = workflowTask(namespace.id, 'orders');

    await storing.handleTaskMessage(task);
    expect((await poll).workflowExecution?.workflowId).toBe(task.workflowId);
  });
});
