import { msToDuration } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskMessage } from '../src/task-message.ts';
import { scheduleActivity } from './support/commands.ts';
import {
  createEngineDatabase,
  eventually,
  persistedEventTypes,
  startHistoryProcess,
  type EngineDatabase,
  type HistoryProcess,
} from './support/engine-database.ts';
import { NAMESPACE, pollTask, startWorkflow } from './support/workflow-driver.ts';

let database: EngineDatabase;
let history: HistoryProcess;

beforeAll(async () => {
  database = await createEngineDatabase('history_activity_retry');
  history = await startHistoryProcess(database.pool, 'history', { shardCount: 2 });
});
afterAll(async () => {
  await history?.stop();
  await database?.drop();
});

function published(runId: string, match: Partial<TaskMessage>): Promise<TaskMessage> {
  return eventually(() =>
    history.tasks.find(
      (task) =>
        task.runId === runId &&
        Object.entries(match).every(([key, value]) => task[key as keyof TaskMessage] === value),
    ),
  );
}

const activityPoller = (pollRequestId: string) => ({
  identity: 'activity-worker',
  pollRequestId,
  taskQueue: 'orders',
  taskQueueKind: 'normal' as const,
});

describe('an activity through the outbox, the bus and the timer queue', () => {
  it('is retried by its durable backoff timer after a failure, and its completion wakes the workflow', async () => {
    const runId = await startWorkflow(history.engine, 'charge-order');
    const firstTask = await pollTask(
      history.engine,
      await published(runId, { kind: 'workflow', scheduledEventId: 2 }),
    );
    await history.engine.respondWorkflowTaskCompleted(NAMESPACE, {
      taskToken: firstTask.taskToken,
      commands: [
        scheduleActivity('charge', {
          retryPolicy: { initialInterval: msToDuration(200), backoffCoefficient: 2, maximumAttempts: 3 },
        }),
      ],
    });

    const firstAttempt = await history.engine.recordActivityTaskStarted(
      await published(runId, { kind: 'activity', attempt: 1 }),
      activityPoller('activity-poll-1'),
    );
    const failedAt = Date.now();
    await history.engine.respondActivityTaskFailed(NAMESPACE, {
      target: { taskToken: firstAttempt.taskToken! },
      identity: 'activity-worker',
      failure: { message: 'gateway timeout', applicationFailureInfo: { type: 'Flaky' } },
      lastHeartbeatDetails: null,
    });
    expect((await persistedEventTypes(database.pool, runId)).at(-1)).toBe('ActivityTaskScheduled');

    const retried = await published(runId, { kind: 'activity', attempt: 2 });
    expect(retried.scheduledAtMs).toBeGreaterThanOrEqual(failedAt + 200);
    const secondAttempt = await history.engine.recordActivityTaskStarted(
      retried,
      activityPoller('activity-poll-2'),
    );
    expect(secondAttempt.attempt).toBe(2);
    await history.engine.respondActivityTaskCompleted(NAMESPACE, {
      target: { taskToken: secondAttempt.taskToken! },
      identity: 'activity-worker',
      result: null,
    });

    await published(runId, { kind: 'workflow', scheduledEventId: 8 });
    expect((await persistedEventTypes(database.pool, runId)).slice(3)).toEqual([
      'WorkflowTaskCompleted',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'WorkflowTaskScheduled',
    ]);
  });
});
