import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure, TerminatedFailure, WorkflowNotFoundError } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import { echo, finishSignal, waitForFinish } from './workflows/basic.ts';
import { cleanUpWhenCancelled } from './workflows/cancel-terminate.ts';

describe('cancel and terminate', () => {
  const env = useEngineTestEnv();

  it('delivers a cancel request to the workflow, which cleans up and closes as CANCELLED', async () => {
    const taskQueue = env.taskQueue('cancel');
    const cleanups: string[] = [];
    const activities = {
      async cleanup(reason: string) {
        cleanups.push(reason);
      },
    };
    await env.runWorker({ taskQueue, activities }, async () => {
      const handle = await env.client.workflow.start(cleanUpWhenCancelled, {
        taskQueue,
        workflowId: `cancel-${randomUUID()}`,
      });
      // Cancel only once the workflow is waiting, so the request arrives in a later workflow task.
      await waitUntil('the first workflow task to complete', async () =>
        eventTypes((await handle.fetchHistory()).events).includes('WorkflowTaskCompleted'),
      );
      await handle.cancel();

      const error = await handle.result().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
      expect(cleanups).toEqual(['workflow cancelled']);
      expect((await handle.describe()).status.name).toBe('CANCELLED');

      const types = eventTypes((await handle.fetchHistory()).events);
      expect(types).toContain('WorkflowExecutionCancelRequested');
      expect(types.indexOf('WorkflowExecutionCancelRequested')).toBeLessThan(
        types.indexOf('ActivityTaskScheduled'),
      );
      expect(types.at(-1)).toBe('WorkflowExecutionCanceled');
    });
  });

  it('terminates a running workflow with a reason and details, closing it as TERMINATED', async () => {
    const taskQueue = env.taskQueue('terminate');
    const handle = await env.client.workflow.start(waitForFinish, {
      taskQueue,
      workflowId: `terminate-${randomUUID()}`,
    });
    await handle.terminate('operator stopped it');

    const error = await handle.result().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(TerminatedFailure);
    expect((error as WorkflowFailedError).message).toBe('operator stopped it');

    const description = await handle.describe();
    expect(description.status.name).toBe('TERMINATED');
    expect(description.closeTime).toBeInstanceOf(Date);
    const events = (await handle.fetchHistory()).events;
    expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionTerminated');
    const terminated = onlyEventOfType(
      events,
      'WorkflowExecutionTerminated',
    ).workflowExecutionTerminatedEventAttributes!;
    expect(terminated.reason).toBe('operator stopped it');
    expect(terminated.identity).toMatch(/\S/);
  });

  it('records terminate details passed on the raw rpc', async () => {
    const taskQueue = env.taskQueue('terminate-details');
    const workflowId = `terminate-details-${randomUUID()}`;
    const handle = await env.client.workflow.start(waitForFinish, { taskQueue, workflowId });
    const details = env.client.options.loadedDataConverter.payloadConverter.toPayload('why it stopped');
    await env.connection.workflowService.terminateWorkflowExecution({
      namespace: env.namespace,
      workflowExecution: { workflowId },
      reason: 'with details',
      details: { payloads: [details] },
      identity: 'engine-test-operator',
    });
    const terminated = onlyEventOfType(
      (await handle.fetchHistory()).events,
      'WorkflowExecutionTerminated',
    ).workflowExecutionTerminatedEventAttributes!;
    expect(terminated.reason).toBe('with details');
    expect(terminated.identity).toBe('engine-test-operator');
    expect(decodePayloads(terminated.details)).toEqual(['why it stopped']);
  });

  it('answers a signal to a closed workflow with WorkflowNotFoundError', async () => {
    const taskQueue = env.taskQueue('signal-closed');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(echo, {
        taskQueue,
        workflowId: `signal-closed-${randomUUID()}`,
        args: ['done'],
      });
      await handle.result();
      await expect(handle.signal(finishSignal, 'too late')).rejects.toBeInstanceOf(WorkflowNotFoundError);
      // Terminating a closed workflow is refused the same way.
      await expect(handle.terminate('too late')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });
});
