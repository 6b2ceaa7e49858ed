import { randomUUID } from 'node:crypto';
import { InvalidArgument, NotFound, Unavailable } from '@kairos/errors';
import {
  decodeTaskToken,
  encodeTaskToken,
  type NamespaceRef,
  type QueryTarget,
} from '@kairos/history/client';
import { int64ToNumber, Long, temporal } from '@kairos/proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingEngine } from '../src/matching-engine.ts';
import {
  createMatchingFixture,
  pollWorkflow,
  untilPollsWaiting,
  type MatchingFixture,
} from './support/matching-fixture.ts';

const { EventType, QueryResultType, TaskQueueKind, WorkflowExecutionStatus } = temporal.api.enums.v1;

let fixture: MatchingFixture;
beforeAll(async () => {
  fixture = await createMatchingFixture('query');
});
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

function queryTarget(overrides: Partial<QueryTarget> = {}): QueryTarget {
  const event = (eventId: number, eventType: temporal.api.enums.v1.EventType) => ({
    eventId: Long.fromNumber(eventId),
    eventType,
  });
  return {
    workflowId: `workflow-${randomUUID().slice(0, 8)}`,
    runId: randomUUID(),
    workflowType: 'counter',
    status: WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
    taskQueue: 'orders',
    stickyTaskQueue: undefined,
    history: [
      event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
      event(2, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
      event(3, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
      {
        ...event(4, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
        workflowTaskCompletedEventAttributes: {
          scheduledEventId: Long.fromNumber(2),
          startedEventId: Long.fromNumber(3),
        },
      },
      event(5, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
    ],
    ...overrides,
  };
}

const countQuery = { queryType: 'count', queryArgs: { payloads: [{ data: Buffer.from('1') }] } };
const answer = (taskToken: Uint8Array | null | undefined, data = '42') => ({
  taskToken,
  completedType: QueryResultType.QUERY_RESULT_TYPE_ANSWERED,
  queryResult: { payloads: [{ data: Buffer.from(data) }] },
});

function startQuery(
  engine: MatchingEngine,
  namespace: NamespaceRef,
  target: QueryTarget,
  signal?: AbortSignal,
) {
  const query = engine.queryWorkflow(namespace, target, countQuery, signal ?? new AbortController().signal);
  // Observed by each test; keeps an early rejection from counting as unhandled.
  query.catch(() => undefined);
  return query;
}

describe('legacy queries', () => {
  it('round trip: a later poll gets the query task, and its answer resolves the query', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const target = queryTarget();
    const query = startQuery(engine, namespace, target);

    const task = await pollWorkflow(engine, namespace, 'orders');
    expect(task).toMatchObject({
      workflowExecution: { workflowId: target.workflowId, runId: target.runId },
      workflowType: { name: 'counter' },
      attempt: 1,
      query: countQuery,
      history: { events: target.history },
      workflowExecutionTaskQueue: { name: 'orders', kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    });
    expect(int64ToNumber(task.previousStartedEventId)).toBe(3);
    expect(int64ToNumber(task.startedEventId)).toBe(0);
    expect(decodeTaskToken(task.taskToken, 'query')).toMatchObject({
      kind: 'query',
      namespaceId: namespace.id,
    });
    expect(fixture.history.calls).toEqual([]);

    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken));
    expect(await query).toEqual({ queryResult: { payloads: [{ data: Buffer.from('42') }] } });
  });

  it('hands a query to a poll that was already waiting', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const poll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');

    const query = startQuery(engine, namespace, queryTarget());
    const task = await poll;
    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken, '7'));
    expect((await query).queryResult?.payloads?.[0]?.data).toEqual(Buffer.from('7'));
  });

  it('answers a failed query as Temporal does: INVALID_ARGUMENT, the worker message, a QueryFailed detail', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const query = startQuery(engine, namespace, queryTarget());
    const task = await pollWorkflow(engine, namespace, 'orders');

    await engine.respondQueryTaskCompleted(namespace, {
      taskToken: task.taskToken,
      completedType: QueryResultType.QUERY_RESULT_TYPE_FAILED,
      errorMessage: 'Workflow did not register a handler for count. Registered queries: [__stack_trace]',
      failure: {
        message: 'Workflow did not register a handler for count',
        applicationFailureInfo: { type: 'Error' },
      },
    });
    const error = await query.then(
      () => expect.fail('the query should fail'),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(InvalidArgument);
    const failed = error as InvalidArgument;
    expect(failed.message).toBe(
      'Workflow did not register a handler for count. Registered queries: [__stack_trace]',
    );
    expect(failed.detail?.type).toBe('QueryFailed');
    const detail = failed.detail as { type: 'QueryFailed'; failure?: Uint8Array };
    expect(temporal.api.failure.v1.Failure.decode(detail.failure!)).toMatchObject({
      message: 'Workflow did not register a handler for count',
      applicationFailureInfo: { type: 'Error' },
    });
  });

  it('rejects an answer for an unknown query as NOT_FOUND and a malformed token as INVALID_ARGUMENT', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const unknown = encodeTaskToken({ kind: 'query', namespaceId: namespace.id, queryId: 'no-such-query' });
    await expect(engine.respondQueryTaskCompleted(namespace, answer(unknown))).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(
      engine.respondQueryTaskCompleted(namespace, answer(Buffer.from('junk'))),
    ).rejects.toBeInstanceOf(InvalidArgument);
  });

  it('does not take an answer for a query of another namespace', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const query = startQuery(engine, namespace, queryTarget());
    const task = await pollWorkflow(engine, namespace, 'orders');

    await expect(
      engine.respondQueryTaskCompleted(fixture.namespace(), answer(task.taskToken)),
    ).rejects.toBeInstanceOf(NotFound);
    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken));
    await query;
  });

  it('fails a query whose caller gave up; a late answer is NOT_FOUND and later polls never see it', async () => {
    const engine = fixture.engine({ longPollMs: 300 });
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const abandoned = startQuery(engine, namespace, queryTarget(), controller.signal);
    controller.abort();
    await expect(abandoned).rejects.toBeInstanceOf(Unavailable);
    expect(await pollWorkflow(engine, namespace, 'orders')).toEqual({});

    const answeredLate = new AbortController();
    const late = startQuery(engine, namespace, queryTarget(), answeredLate.signal);
    const task = await pollWorkflow(engine, namespace, 'orders');
    answeredLate.abort();
    await expect(late).rejects.toBeInstanceOf(Unavailable);
    await expect(engine.respondQueryTaskCompleted(namespace, answer(task.taskToken))).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it('uses the caller’s own reason when it aborts with a domain error', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const query = startQuery(engine, namespace, queryTarget(), controller.signal);
    const reason = new Unavailable('query deadline passed');
    controller.abort(reason);
    await expect(query).rejects.toBe(reason);
  });

  it('never hands a query to an aborted poll; the next poll gets it', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const poll = pollWorkflow(engine, namespace, 'orders', { signal: controller.signal });
    await untilPollsWaiting(engine, namespace.id, 'orders');

    const query = startQuery(engine, namespace, queryTarget());
    controller.abort();
    expect(await poll).toEqual({});
    const task = await pollWorkflow(engine, namespace, 'orders');
    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken));
    await query;
  });

  it('goes to the sticky queue while its worker polls, and to the normal queue otherwise', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: 60_000 });
    const namespace = fixture.namespace();
    const target = queryTarget({ stickyTaskQueue: 'worker-1-sticky' });

    // Never polled here: the normal queue.
    const first = startQuery(engine, namespace, target);
    const normalTask = await pollWorkflow(engine, namespace, 'orders');
    await engine.respondQueryTaskCompleted(namespace, answer(normalTask.taskToken));
    await first;

    const stickyPoll = pollWorkflow(engine, namespace, 'worker-1-sticky', { stickyOf: 'orders' });
    await untilPollsWaiting(engine, namespace.id, 'worker-1-sticky');
    const second = startQuery(engine, namespace, target);
    const stickyTask = await stickyPoll;
    expect(stickyTask.query?.queryType).toBe('count');
    await engine.respondQueryTaskCompleted(namespace, answer(stickyTask.taskToken));
    await second;
  });

  it('moves a query waiting on a sticky queue to the normal queue when its worker stops polling', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: 200 });
    const namespace = fixture.namespace();
    const stickyController = new AbortController();
    const stickyPoll = pollWorkflow(engine, namespace, 'worker-1-sticky', {
      stickyOf: 'orders',
      signal: stickyController.signal,
    });
    await untilPollsWaiting(engine, namespace.id, 'worker-1-sticky');
    stickyController.abort();
    await stickyPoll;

    const query = startQuery(engine, namespace, queryTarget({ stickyTaskQueue: 'worker-1-sticky' }));
    const task = await pollWorkflow(engine, namespace, 'orders');
    expect(task.query?.queryType).toBe('count');
    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken));
    await query;
  });

  it('ShutdownWorker moves queries waiting on the sticky queue to the normal queue at once', async () => {
    const engine = fixture.engine({ stickyPollerGraceMs: 60_000, longPollMs: 30_000 });
    const namespace = fixture.namespace();
    const stickyController = new AbortController();
    const stickyPoll = pollWorkflow(engine, namespace, 'worker-1-sticky', {
      stickyOf: 'orders',
      signal: stickyController.signal,
    });
    await untilPollsWaiting(engine, namespace.id, 'worker-1-sticky');
    stickyController.abort();
    await stickyPoll;
    const query = startQuery(engine, namespace, queryTarget({ stickyTaskQueue: 'worker-1-sticky' }));
    const normalPoll = pollWorkflow(engine, namespace, 'orders');
    await untilPollsWaiting(engine, namespace.id, 'orders');

    await engine.shutdownWorker(namespace, { namespace: namespace.name, stickyTaskQueue: 'worker-1-sticky' });
    const task = await normalPoll;
    await engine.respondQueryTaskCompleted(namespace, answer(task.taskToken));
    await query;
  });

  it('fails pending queries with UNAVAILABLE when the engine closes', async () => {
    const engine = fixture.engine();
    const query = startQuery(engine, fixture.namespace(), queryTarget());
    await engine.close();
    await expect(query).rejects.toBeInstanceOf(Unavailable);
  });
});
