import { randomUUID } from 'node:crypto';
import { int64ToNumber } from '@kairos/proto';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker, WorkflowBundle } from '@temporalio/worker';
import { Worker as SdkWorker } from '@temporalio/worker';
import { eventsOfType, eventTypes, type HistoryEvent } from '../../engine/support/history-events.ts';
import { activityTimerActivity } from '../workflows.ts';

export interface CrashRun {
  taskQueue: string;
  workflowIds: string[];
  /** How often the worker ran each attempt, keyed by attemptKey(workflowId, activityId, attempt). */
  executions: Map<string, number>;
  /** Workflows whose first activity the worker has run. */
  workflowsPastFirstActivity: Set<string>;
  worker: Worker;
  /** Resolves once every workflow has closed; rejects with the first workflow that failed. */
  results: Promise<unknown[]>;
}

/**
 * Starts `count` activityTimerActivity workflows on a fresh task queue with a worker that counts every
 * activity execution per workflow, and returns while they run (the caller crashes processes meanwhile).
 */
export async function startCrashRun(options: {
  client: Client;
  connection: NativeConnection;
  bundle: WorkflowBundle;
  count: number;
  sleepMs: number;
}): Promise<CrashRun> {
  const taskQueue = `crash-${randomUUID()}`;
  const executions = new Map<string, number>();
  const workflowsPastFirstActivity = new Set<string>();
  const worker = await SdkWorker.create({
    connection: options.connection,
    namespace: 'default',
    taskQueue,
    workflowBundle: options.bundle,
    identity: `crash-worker@${taskQueue}`,
    shutdownGraceTime: '2s',
    activities: {
      async step(name: string) {
        const { workflowExecution, activityId, attempt } = Context.current().info;
        const workflowId = workflowExecution?.workflowId ?? '';
        const key = attemptKey(workflowId, activityId, attempt);
        executions.set(key, (executions.get(key) ?? 0) + 1);
        workflowsPastFirstActivity.add(workflowId);
        return `${name} done`;
      },
    },
  });
  const workflowIds = Array.from({ length: options.count }, (_, index) => `${taskQueue}-${index}`);
  const handles = await mapWithConcurrency(workflowIds, 16, (workflowId) =>
    options.client.workflow.start(activityTimerActivity, {
      taskQueue,
      workflowId,
      args: [options.sleepMs],
    }),
  );
  const results = Promise.all(handles.map((handle) => handle.result()));
  results.catch(() => undefined); // awaited by the caller; avoids an unhandled rejection meanwhile
  return { taskQueue, workflowIds, executions, workflowsPastFirstActivity, worker, results };
}

export interface HistoryCheck {
  workflowId: string;
  /** Problems found in this workflow's history; empty when it is as it must be. */
  problems: string[];
  /** attemptKey of each activity's final attempt, the one history recorded as started and completed. */
  completedAttempts: string[];
}

export function attemptKey(workflowId: string, activityId: string, attempt: number): string {
  return `${workflowId}/${activityId}/${attempt}`;
}

/**
 * What must hold for one completed run of activityTimerActivity, whatever crashed meanwhile: both
 * activities scheduled once and completed exactly once (one ActivityTaskCompleted per scheduled
 * activity), the timer started once and fired, no event id skipped or repeated, completed at the end.
 */
export function checkHistory(workflowId: string, events: HistoryEvent[]): HistoryCheck {
  const problems: string[] = [];
  const types = eventTypes(events);
  events.forEach((event, index) => {
    if (int64ToNumber(event.eventId) !== index + 1)
      problems.push(`event ${index + 1} has id ${event.eventId}`);
  });
  const scheduled = eventsOfType(events, 'ActivityTaskScheduled').map((event) =>
    int64ToNumber(event.eventId),
  );
  const completedFor = eventsOfType(events, 'ActivityTaskCompleted').map((event) =>
    int64ToNumber(event.activityTaskCompletedEventAttributes?.scheduledEventId),
  );
  const started = eventsOfType(events, 'ActivityTaskStarted');
  if (scheduled.length !== 2) problems.push(`${scheduled.length} activities scheduled, expected 2`);
  for (const id of scheduled) {
    const completions = completedFor.filter((scheduledId) => scheduledId === id).length;
    if (completions !== 1) problems.push(`activity scheduled at ${id} completed ${completions} times`);
  }
  if (completedFor.length !== scheduled.length) problems.push(`${completedFor.length} activity completions`);
  const timerIds = eventsOfType(events, 'TimerStarted').map(
    (event) => event.timerStartedEventAttributes?.timerId,
  );
  const firedIds = eventsOfType(events, 'TimerFired').map(
    (event) => event.timerFiredEventAttributes?.timerId,
  );
  if (timerIds.length !== 1) problems.push(`${timerIds.length} timers started, expected 1`);
  for (const timerId of timerIds) {
    if (firedIds.filter((fired) => fired === timerId).length !== 1)
      problems.push(`timer ${timerId} never fired`);
  }
  if (types.at(-1) !== 'WorkflowExecutionCompleted') problems.push(`last event is ${types.at(-1)}`);
  const activityIds = new Map(
    eventsOfType(events, 'ActivityTaskScheduled').map((event) => [
      int64ToNumber(event.eventId),
      event.activityTaskScheduledEventAttributes?.activityId ?? '',
    ]),
  );
  const completedAttempts = started.map((event) => {
    const attributes = event.activityTaskStartedEventAttributes;
    const activityId = activityIds.get(int64ToNumber(attributes?.scheduledEventId)) ?? '?';
    return attemptKey(workflowId, activityId, attributes?.attempt ?? 0);
  });
  return {
    workflowId,
    problems: problems.map((problem) => `${problem} [${types.join(',')}]`),
    completedAttempts,
  };
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
