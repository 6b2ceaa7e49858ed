import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { TerminatedFailure } from '@temporalio/common';
import { durationToMs, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypeName, onlyEventOfType, type HistoryEvent } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { cronTick, failingCronTick } from './workflows/run-chains.ts';

const { ContinueAsNewInitiator: Initiator, HistoryEventFilterType, RetryState } = temporal.api.enums.v1;

describe('cron schedules', () => {
  const env = useEngineTestEnv();

  async function eventsOf(workflowId: string, runId: string): Promise<HistoryEvent[]> {
    const response = await env.client.workflowService.getWorkflowExecutionHistory({
      namespace: env.namespace,
      execution: { workflowId, runId },
    });
    return response.history?.events ?? [];
  }

  /** Waits (long poll, as result() does) for the run's close event. */
  async function closeEventOf(workflowId: string, runId: string): Promise<HistoryEvent> {
    for (;;) {
      const response = await env.client.workflowService.getWorkflowExecutionHistory({
        namespace: env.namespace,
        execution: { workflowId, runId },
        historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
        waitNewEvent: true,
      });
      const event = response.history?.events?.[0];
      if (event) return event;
    }
  }

  function startedOf(events: HistoryEvent[]) {
    return onlyEventOfType(events, 'WorkflowExecutionStarted').workflowExecutionStartedEventAttributes!;
  }

  it('runs at each cron time, handing each run the previous result, until terminated', async () => {
    const taskQueue = env.taskQueue('cron');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(cronTick, {
        taskQueue,
        workflowId: `cron-${randomUUID()}`,
        cronSchedule: '@every 1s',
      });
      const firstRunId = handle.firstExecutionRunId;
      const firstStarted = startedOf(await eventsOf(handle.workflowId, firstRunId));
      expect(firstStarted).toMatchObject({
        cronSchedule: '@every 1s',
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
        attempt: 1,
      });
      // The first run waits for the first cron time (the next whole second).
      expect(durationToMs(firstStarted.firstWorkflowTaskBackoff)).toBeGreaterThan(0);
      expect(durationToMs(firstStarted.firstWorkflowTaskBackoff)).toBeLessThanOrEqual(1000);

      // Under the close-event filter (what result() polls) a close that started the next run reads as
      // ContinuedAsNew naming it, with the result as lastCompletionResult; the history keeps Completed.
      const firstClose = await closeEventOf(handle.workflowId, firstRunId);
      expect(eventTypeName(firstClose)).toBe('WorkflowExecutionContinuedAsNew');
      const handOver = firstClose.workflowExecutionContinuedAsNewEventAttributes!;
      const firstResult = decodePayloads(handOver.lastCompletionResult)[0];
      expect(firstResult).toEqual({ runId: firstRunId, cronSchedule: '@every 1s' });
      const secondRunId = handOver.newExecutionRunId!;
      const firstEvents = await eventsOf(handle.workflowId, firstRunId);
      const completed = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionCompleted',
      ).workflowExecutionCompletedEventAttributes!;
      expect(completed.newExecutionRunId).toBe(secondRunId);
      expect(decodePayloads(completed.result)).toEqual([firstResult]);

      await closeEventOf(handle.workflowId, secondRunId);
      const secondEvents = await eventsOf(handle.workflowId, secondRunId);
      const secondStarted = startedOf(secondEvents);
      expect(secondStarted).toMatchObject({
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
        continuedExecutionRunId: firstRunId,
        firstExecutionRunId: firstRunId,
        cronSchedule: '@every 1s',
      });
      expect(decodePayloads(secondStarted.lastCompletionResult)).toEqual([firstResult]);
      const secondCompleted = onlyEventOfType(
        secondEvents,
        'WorkflowExecutionCompleted',
      ).workflowExecutionCompletedEventAttributes!;
      expect(decodePayloads(secondCompleted.result)[0]).toEqual({
        runId: secondRunId,
        previous: firstResult,
        cronSchedule: '@every 1s',
      });
      // Each run waits for the next cron time after the one it was scheduled for: at most a second.
      expect(durationToMs(secondStarted.firstWorkflowTaskBackoff)).toBeLessThanOrEqual(1000);
      const secondDescription = await env.client.workflow
        .getHandle(handle.workflowId, secondRunId)
        .describe();
      expect(secondDescription.status.name).toBe('COMPLETED');
      expect(secondDescription.raw.workflowExecutionInfo?.firstRunId).toBe(firstRunId);

      // Terminate stops the schedule: the current run closes and no next run follows.
      await handle.terminate('enough ticks');
      const error = await handle.result().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(TerminatedFailure);
      const current = await handle.describe();
      expect(current.status.name).toBe('TERMINATED');
      const currentClose = await closeEventOf(handle.workflowId, current.runId);
      expect(eventTypeName(currentClose)).toBe('WorkflowExecutionTerminated');
    });
  });

  it('goes on after a failed run, which the next run sees as its last failure', async () => {
    const taskQueue = env.taskQueue('cron-failing');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(failingCronTick, {
        taskQueue,
        workflowId: `cron-failing-${randomUUID()}`,
        cronSchedule: '@every 1s',
      });

      const firstClose = await closeEventOf(handle.workflowId, handle.firstExecutionRunId);
      expect(firstClose.workflowExecutionContinuedAsNewEventAttributes?.failure?.message).toBe('tick failed');
      const firstEvents = await eventsOf(handle.workflowId, handle.firstExecutionRunId);
      const failed = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionFailed',
      ).workflowExecutionFailedEventAttributes!;
      expect(failed.retryState).toBe(RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET);
      expect(failed.newExecutionRunId).toBe(
        firstClose.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId,
      );
      const next = startedOf(await eventsOf(handle.workflowId, failed.newExecutionRunId!));
      expect(next).toMatchObject({
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE,
        continuedFailure: { message: 'tick failed' },
      });
      await handle.terminate('enough failures');
    });
  });

  it('refuses an unreadable cron schedule at start with INVALID_ARGUMENT naming cronSchedule', async () => {
    const start = env.client.workflow.start(cronTick, {
      taskQueue: env.taskQueue('cron-invalid'),
      workflowId: `cron-invalid-${randomUUID()}`,
      cronSchedule: '*/5 * * * * *',
    });
    const error = (await start.catch((caught: unknown) => caught)) as {
      cause?: { code?: number; details?: string };
    };
    expect(error.cause?.code).toBe(3);
    expect(error.cause?.details).toMatch(/cronschedule/i);
  });
});
