import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ActivityFailure } from '@temporalio/common';
import { expect } from 'vitest';
import { runActivity, type ActivityCall } from '../workflows/activity-calls.ts';
import type { EngineTestEnv } from './engine-test-env.ts';
import type { HistoryEvent } from './history-events.ts';

export interface ActivityWorkflowRun {
  handle: WorkflowHandle;
  /** The workflow's result, when it completed. */
  value: unknown;
  /** What `handle.result()` rejected with, when the workflow did not complete. */
  error: unknown;
  events: HistoryEvent[];
}

/** Retry options that keep retried activity tests short. */
export const fastRetry = { initialInterval: 100, backoffCoefficient: 1 };

/**
 * Runs the `runActivity` workflow with `call` on a fresh task queue served by a worker with
 * `activities`, until the workflow closes. `beforeShutdown` runs before the worker stops (to release
 * attempts the server already timed out, so the worker need not wait for them).
 */
export async function runActivityWorkflow(
  env: EngineTestEnv,
  label: string,
  activities: object,
  call: ActivityCall,
  beforeShutdown: () => void = () => {},
): Promise<ActivityWorkflowRun> {
  const taskQueue = env.taskQueue(label);
  return env.runWorker({ taskQueue, activities }, async () => {
    const handle = await env.client.workflow.start(runActivity, {
      taskQueue,
      workflowId: `${label}-${randomUUID()}`,
      args: [call],
    });
    const outcome = await handle.result().then(
      (value: unknown) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    beforeShutdown();
    return { handle, ...outcome, events: (await handle.fetchHistory()).events ?? [] };
  });
}

/** The ActivityFailure inside the WorkflowFailedError a workflow closed with. */
export function activityFailureOf(error: unknown): ActivityFailure {
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ActivityFailure);
  return cause as ActivityFailure;
}
