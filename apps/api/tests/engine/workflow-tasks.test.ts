import { randomUUID } from 'node:crypto';
import { durationToMs, temporal } from '@kairos/proto';
import { WorkflowFailedError } from '@temporalio/client';
import { RetryState, TimeoutFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { waitForFinish } from './workflows/basic.ts';
import { failFirstWorkflowTask } from './workflows/workflow-tasks.ts';

const { WorkflowTaskFailedCause } = temporal.api.enums.v1;

describe('workflow tasks and workflow timeouts', () => {
  const env = useEngineTestEnv();

  it('retries a workflow task the worker failed, and the retry completes the workflow', async () => {
    const taskQueue = env.taskQueue('workflow-task-failure');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(failFirstWorkflowTask, {
        taskQueue,
        workflowId: `workflow-task-failure-${randomUUID()}`,
      });
      expect(await handle.result()).toBe('recovered');

      const events = (await handle.fetchHistory()).events;
      expect(eventTypes(events)).toEqual([
        'WorkflowExecutionStarted',
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskFailed',
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskCompleted',
        'WorkflowExecutionCompleted',
      ]);
      const failed = onlyEventOfType(events, 'WorkflowTaskFailed').workflowTaskFailedEventAttributes!;
      expect(failed.cause).toBe(
        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE,
      );
      expect(failed.failure?.message).toMatch(/workflow task failure on purpose/);
      expect(failed.identity).toBe(`engine-test-worker@${taskQueue}`);
      const retried = events?.[4]?.workflowTaskScheduledEventAttributes;
      expect(retried?.attempt).toBe(2);
    });
  });

  // Without a workflow retry policy Temporal reports RETRY_POLICY_NOT_SET when a run times out, but
  // TIMEOUT when the execution timeout (which bounds every retry) expires.
  it.each([
    ['workflowRunTimeout', { workflowRunTimeout: 1000 }, 'RETRY_POLICY_NOT_SET'],
    ['workflowExecutionTimeout', { workflowExecutionTimeout: 1000 }, 'TIMEOUT'],
  ] as const)(
    'times a workflow out after its %s: TIMED_OUT and WorkflowFailedError(TimeoutFailure)',
    async (option, timeout, retryState) => {
      const taskQueue = env.taskQueue(`timeout-${option}`);
      await env.runWorker({ taskQueue }, async () => {
        const handle = await env.client.workflow.start(waitForFinish, {
          taskQueue,
          workflowId: `timeout-${option}-${randomUUID()}`,
          ...timeout,
        });
        const error = await handle.result().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WorkflowFailedError);
        expect((error as WorkflowFailedError).cause).toBeInstanceOf(TimeoutFailure);
        expect((error as WorkflowFailedError).retryState).toBe(RetryState[retryState]);
        expect((await handle.describe()).status.name).toBe('TIMED_OUT');

        const events = (await handle.fetchHistory()).events;
        const started = onlyEventOfType(
          events,
          'WorkflowExecutionStarted',
        ).workflowExecutionStartedEventAttributes!;
        const configured =
          option === 'workflowRunTimeout' ? started.workflowRunTimeout : started.workflowExecutionTimeout;
        expect(durationToMs(configured)).toBe(1000);
        expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionTimedOut');
        expect(
          onlyEventOfType(events, 'WorkflowExecutionTimedOut').workflowExecutionTimedOutEventAttributes
            ?.retryState,
        ).toBe(temporal.api.enums.v1.RetryState[`RETRY_STATE_${retryState}`]);
      });
    },
  );
});
