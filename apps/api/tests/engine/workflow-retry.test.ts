import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import { durationToMs, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { failUntilAttempt, failWithType, slowFirstAttempt } from './workflows/run-chains.ts';

const { ContinueAsNewInitiator: Initiator, RetryState: RetryStateValue } = temporal.api.enums.v1;

describe('workflow retry policy', () => {
  const env = useEngineTestEnv();

  async function historyOf(workflowId: string, runId: string) {
    const response = await env.client.workflowService.getWorkflowExecutionHistory({
      namespace: env.namespace,
      execution: { workflowId, runId },
    });
    return response.history?.events ?? [];
  }

  it('retries a failed run as a new run with the next attempt, until one succeeds', async () => {
    const taskQueue = env.taskQueue('workflow-retry');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(failUntilAttempt, {
        taskQueue,
        workflowId: `workflow-retry-${randomUUID()}`,
        args: [3],
        retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumAttempts: 5 },
      });

      const last = await handle.result();

      expect(last).toMatchObject({ attempt: 3, firstExecutionRunId: handle.firstExecutionRunId });
      // First run: failed, retry in progress, naming the second run.
      const firstEvents = await historyOf(handle.workflowId, handle.firstExecutionRunId);
      const failed = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionFailed',
      ).workflowExecutionFailedEventAttributes!;
      expect(failed.retryState).toBe(RetryStateValue.RETRY_STATE_IN_PROGRESS);
      expect(failed.failure?.message).toBe('attempt 1 failed');
      const secondEvents = await historyOf(handle.workflowId, failed.newExecutionRunId!);
      const second = onlyEventOfType(
        secondEvents,
        'WorkflowExecutionStarted',
      ).workflowExecutionStartedEventAttributes!;
      expect(second).toMatchObject({
        attempt: 2,
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
        continuedExecutionRunId: handle.firstExecutionRunId,
        firstExecutionRunId: handle.firstExecutionRunId,
        continuedFailure: { message: 'attempt 1 failed' },
        retryPolicy: { backoffCoefficient: 2, maximumAttempts: 5 },
      });
      // 200 ms of retry backoff, raised to the one second that separates runs of a chain.
      expect(durationToMs(second.firstWorkflowTaskBackoff)).toBeGreaterThanOrEqual(200);
      const secondFailed = onlyEventOfType(
        secondEvents,
        'WorkflowExecutionFailed',
      ).workflowExecutionFailedEventAttributes!;
      expect(secondFailed.newExecutionRunId).toBe(last.runId);
      expect(last.continuedFromExecutionRunId).toBe(failed.newExecutionRunId);
      const described = await handle.describe();
      expect(described.runId).toBe(last.runId);
      expect(described.raw.workflowExecutionInfo?.firstRunId).toBe(handle.firstExecutionRunId);
    });
  });

  it('gives up after maximumAttempts: result() rejects with the last failure, MAXIMUM_ATTEMPTS_REACHED', async () => {
    const taskQueue = env.taskQueue('workflow-retry-exhausted');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(failUntilAttempt, {
        taskQueue,
        workflowId: `workflow-retry-exhausted-${randomUUID()}`,
        args: [10],
        retry: { initialInterval: '100ms', maximumAttempts: 2 },
      });

      const error = await handle.result().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).retryState).toBe(RetryState.MAXIMUM_ATTEMPTS_REACHED);
      expect(((error as WorkflowFailedError).cause as ApplicationFailure).message).toBe('attempt 2 failed');
      const lastEvents = (await handle.fetchHistory()).events ?? [];
      expect(
        onlyEventOfType(lastEvents, 'WorkflowExecutionStarted').workflowExecutionStartedEventAttributes
          ?.attempt,
      ).toBe(2);
      expect(
        onlyEventOfType(lastEvents, 'WorkflowExecutionFailed').workflowExecutionFailedEventAttributes
          ?.newExecutionRunId,
      ).toBe('');
    });
  });

  it('does not retry a failure type the policy lists as non-retryable', async () => {
    const taskQueue = env.taskQueue('workflow-retry-non-retryable');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(failWithType, {
        taskQueue,
        workflowId: `workflow-retry-non-retryable-${randomUUID()}`,
        args: ['Fatal'],
        retry: { initialInterval: '100ms', nonRetryableErrorTypes: ['Fatal'] },
      });

      const error = await handle.result().catch((caught: unknown) => caught);

      expect((error as WorkflowFailedError).retryState).toBe(RetryState.NON_RETRYABLE_FAILURE);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(handle.firstExecutionRunId).toBe((await handle.describe()).runId);
      expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionFailed');
    });
  });

  it('retries a run that hit its run timeout; the timeout is the retried run’s continued failure', async () => {
    const taskQueue = env.taskQueue('workflow-retry-timeout');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(slowFirstAttempt, {
        taskQueue,
        workflowId: `workflow-retry-timeout-${randomUUID()}`,
        args: [60_000],
        workflowRunTimeout: '1s',
        retry: { initialInterval: '100ms', maximumAttempts: 3 },
      });

      const last = await handle.result();

      expect(last.attempt).toBe(2);
      const firstEvents = await historyOf(handle.workflowId, handle.firstExecutionRunId);
      const timedOut = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionTimedOut',
      ).workflowExecutionTimedOutEventAttributes!;
      expect(timedOut).toMatchObject({
        retryState: RetryStateValue.RETRY_STATE_IN_PROGRESS,
        newExecutionRunId: last.runId,
      });
      const started = onlyEventOfType(
        (await handle.fetchHistory()).events,
        'WorkflowExecutionStarted',
      ).workflowExecutionStartedEventAttributes!;
      expect(started.continuedFailure).toMatchObject({
        message: 'workflow timeout',
        timeoutFailureInfo: { timeoutType: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE },
      });
    });
  });

  it('ends with TimedOut and no retry when the retry policy is exhausted by run timeouts', async () => {
    const taskQueue = env.taskQueue('workflow-retry-timeout-exhausted');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(slowFirstAttempt, {
        taskQueue,
        workflowId: `workflow-retry-timeout-exhausted-${randomUUID()}`,
        args: [60_000],
        workflowRunTimeout: '1s',
        retry: { maximumAttempts: 1 },
      });

      const error = await handle.result().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(TimeoutFailure);
      expect((error as WorkflowFailedError).retryState).toBe(RetryState.MAXIMUM_ATTEMPTS_REACHED);
    });
  });
});
