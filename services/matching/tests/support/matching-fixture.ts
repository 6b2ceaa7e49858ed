import { randomUUID } from 'node:crypto';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import {
  encodeTaskToken,
  type HistoryClient,
  type NamespaceRef,
  type PollerInfo,
  type TaskMessage,
} from '@kairos/history/client';
import { Long, temporal } from '@kairos/proto';
import { createLogger, type Logger } from '@kairos/telemetry';
import pg from 'pg';
import { MatchingEngine, type MatchingEngineOptions } from '../../src/matching-engine.ts';

type RecordStarted = Pick<HistoryClient, 'recordWorkflowTaskStarted' | 'recordActivityTaskStarted'>;

/**
 * History as matching sees it: record-started answers a canned response, or throws what `failWith`
 * returns for the task (NotFound for a stale task, Unavailable for an outage). `hold` keeps calls
 * waiting until released, to observe what happens while history is busy.
 */
export class FakeHistory implements RecordStarted {
  /** Every record-started call, in order, whatever its outcome. */
  readonly calls: { task: TaskMessage; poller: PollerInfo }[] = [];
  /** The tasks history started (calls that did not throw). */
  readonly started: TaskMessage[] = [];
  failWith: (task: TaskMessage) => Error | undefined = () => undefined;
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  releaseHeld(): void {
    this.release?.();
    this.held = undefined;
  }

  async recordWorkflowTaskStarted(
    task: TaskMessage,
    poller: PollerInfo,
  ): Promise<temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse> {
    await this.record(task, poller);
    return {
      taskToken: encodeTaskToken({
        kind: 'workflow',
        namespaceId: task.namespaceId,
        workflowId: task.workflowId,
        runId: task.runId,
        scheduledEventId: task.scheduledEventId,
        startedEventId: task.scheduledEventId + 1,
        attempt: task.attempt,
      }),
      workflowExecution: { workflowId: task.workflowId, runId: task.runId },
      workflowType: { name: 'test-workflow' },
      startedEventId: Long.fromNumber(task.scheduledEventId + 1),
      attempt: task.attempt,
    };
  }

  async recordActivityTaskStarted(
    task: TaskMessage,
    poller: PollerInfo,
  ): Promise<temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse> {
    await this.record(task, poller);
    return {
      taskToken: encodeTaskToken({
        kind: 'activity',
        namespaceId: task.namespaceId,
        workflowId: task.workflowId,
        runId: task.runId,
        scheduledEventId: task.scheduledEventId,
        activityId: `activity-${task.scheduledEventId}`,
        attempt: task.attempt,
      }),
      workflowExecution: { workflowId: task.workflowId, runId: task.runId },
      activityId: `activity-${task.scheduledEventId}`,
      attempt: task.attempt,
    };
  }

  private async record(task: TaskMessage, poller: PollerInfo): Promise<void> {
    this.calls.push({ task, poller });
    await this.held;
    const failure = this.failWith(task);
    if (failure) throw failure;
    this.started.push(task);
  }
}

export interface MatchingFixture {
  pool: pg.Pool;
  history: FakeHistory;
  logger: Logger;
  /** A fresh namespace, so tests never see each other's queues. */
  namespace(): NamespaceRef;
  engine(options?: Partial<MatchingEngineOptions>): MatchingEngine;
  /** Tasks in the backlog table for a namespace, oldest first. */
  backlog(namespaceId: string): Promise<TaskMessage[]>;
  /** Closes the engines a test created and resets the fake history. */
  afterEach(): Promise<void>;
  close(): Promise<void>;
}

/** A migrated throwaway database, a pool over it, and engines with short timings. */
export async function createMatchingFixture(purpose: string): Promise<MatchingFixture> {
  const database: ThrowawayDatabase = await createThrowawayDatabase(purpose);
  await applyMigrations(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const logger = createLogger({ service: `matching-test-${purpose}`, level: 'silent' });
  let history = new FakeHistory();
  const engines: MatchingEngine[] = [];
  const fixture: MatchingFixture = {
    pool,
    get history() {
      return history;
    },
    logger,
    namespace: () => ({ id: randomUUID(), name: `ns-${randomUUID().slice(0, 8)}` }),
    engine(options = {}) {
      const engine = new MatchingEngine({
        pool,
        history,
        logger,
        longPollMs: 2_000,
        stickyPollerGraceMs: 500,
        backlogRecheckMs: 100,
        ...options,
      });
      engines.push(engine);
      return engine;
    },
    async backlog(namespaceId) {
      const { rows } = await pool.query<{ payload: TaskMessage }>(
        'SELECT payload FROM task_queue_tasks WHERE namespace_id = $1 ORDER BY id',
        [namespaceId],
      );
      return rows.map((row) => row.payload);
    },
    async afterEach() {
      await Promise.all(engines.splice(0).map((engine) => engine.close()));
      history = new FakeHistory();
    },
    async close() {
      await fixture.afterEach();
      await pool.end();
      await database.drop();
    },
  };
  return fixture;
}

let sequence = 0;

/** A workflow task message for a fresh run on `taskQueue`. */
export function workflowTask(
  namespaceId: string,
  taskQueue: string,
  overrides: Partial<TaskMessage> = {},
): TaskMessage {
  sequence += 1;
  return {
    kind: 'workflow',
    namespaceId,
    workflowId: `workflow-${sequence}`,
    runId: randomUUID(),
    taskQueue,
    taskQueueKind: 'normal',
    normalTaskQueue: taskQueue,
    scheduledEventId: 2,
    attempt: 1,
    scheduledAtMs: Date.now(),
    ...overrides,
  };
}

export function activityTask(
  namespaceId: string,
  taskQueue: string,
  overrides: Partial<TaskMessage> = {},
): TaskMessage {
  return workflowTask(namespaceId, taskQueue, { kind: 'activity', scheduledEventId: 5, ...overrides });
}

const { TaskQueueKind } = temporal.api.enums.v1;

/** PollWorkflowTaskQueue as an SDK worker sends it. */
export function pollWorkflow(
  engine: MatchingEngine,
  namespace: NamespaceRef,
  taskQueue: string,
  options: { signal?: AbortSignal; identity?: string; stickyOf?: string } = {},
): Promise<temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse> {
  return engine.pollWorkflowTaskQueue(
    namespace,
    {
      namespace: namespace.name,
      identity: options.identity ?? 'worker-1',
      taskQueue: options.stickyOf
        ? { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_STICKY, normalName: options.stickyOf }
        : { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    },
    options.signal ?? new AbortController().signal,
  );
}

export function pollActivity(
  engine: MatchingEngine,
  namespace: NamespaceRef,
  taskQueue: string,
  options: { signal?: AbortSignal; identity?: string; maxTasksPerSecond?: number } = {},
): Promise<temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse> {
  return engine.pollActivityTaskQueue(
    namespace,
    {
      namespace: namespace.name,
      identity: options.identity ?? 'worker-1',
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      ...(options.maxTasksPerSecond === undefined
        ? {}
        : { taskQueueMetadata: { maxTasksPerSecond: { value: options.maxTasksPerSecond } } }),
    },
    options.signal ?? new AbortController().signal,
  );
}

/** Resolves once `count` polls of the queue wait idle in the engine (ready for a sync match). */
export async function untilPollsWaiting(
  engine: MatchingEngine,
  namespaceId: string,
  taskQueue: string,
  count = 1,
  type: 'workflow' | 'activity' = 'workflow',
): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (engine.idlePollCount(namespaceId, taskQueue, type) < count) {
    if (Date.now() > deadline) throw new Error(`no ${count} idle polls on ${taskQueue} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether a promise has settled by now (after pending callbacks ran). */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
