import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventId, eventTypes, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { cancelExternal, pokeExternal, waitForPoke } from './workflows/external-workflows.ts';

describe('external workflows', () => {
  const env = useEngineTestEnv();

  it('signals another workflow: Initiated, then ExternalWorkflowExecutionSignaled and the target Signaled', async () => {
    const taskQueue = env.taskQueue('signal-external');
    await env.runWorker({ taskQueue }, async () => {
      const target = await env.client.workflow.start(waitForPoke, {
        taskQueue,
        workflowId: `target-${randomUUID()}`,
      });
      const sender = await env.client.workflow.start(pokeExternal, {
        taskQueue,
        workflowId: `sender-${randomUUID()}`,
        args: [target.workflowId, 'hello over there'],
      });
      expect(await sender.result()).toBe('signalled');
      expect(await target.result()).toBe('hello over there');

      const senderEvents = (await sender.fetchHistory()).events;
      const initiated = onlyEventOfType(senderEvents, 'SignalExternalWorkflowExecutionInitiated');
      expect(initiated.signalExternalWorkflowExecutionInitiatedEventAttributes?.signalName).toBe('poke');
      const signaled = onlyEventOfType(
        senderEvents,
        'ExternalWorkflowExecutionSignaled',
      ).externalWorkflowExecutionSignaledEventAttributes!;
      expect(eventId({ eventId: signaled.initiatedEventId })).toBe(eventId(initiated));
      expect(signaled.workflowExecution?.workflowId).toBe(target.workflowId);

      // Delivered exactly once, naming the sender.
      const received = onlyEventOfType(
        (await target.fetchHistory()).events,
        'WorkflowExecutionSignaled',
      ).workflowExecutionSignaledEventAttributes!;
      expect(received.signalName).toBe('poke');
      expect(decodePayloads(received.input)).toEqual(['hello over there']);
      expect(received.externalWorkflowExecution).toMatchObject({
        workflowId: sender.workflowId,
        runId: sender.firstExecutionRunId,
      });
    });
  });

  it('fails a signal to a workflow that does not exist: SignalExternalWorkflowExecutionFailed', async () => {
    const taskQueue = env.taskQueue('signal-missing');
    await env.runWorker({ taskQueue }, async () => {
      const sender = await env.client.workflow.start(pokeExternal, {
        taskQueue,
        workflowId: `sender-${randomUUID()}`,
        args: [`nobody-${randomUUID()}`, 'anyone?'],
      });
      expect(await sender.result()).toMatch(/^failed: /);
      const events = (await sender.fetchHistory()).events;
      const failed = onlyEventOfType(
        events,
        'SignalExternalWorkflowExecutionFailed',
      ).signalExternalWorkflowExecutionFailedEventAttributes!;
      expect(failed.cause).toBe(
        temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause
          .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
      );
      expect(eventTypes(events)).not.toContain('ExternalWorkflowExecutionSignaled');
    });
  });

  it('asks another workflow to cancel: ExternalWorkflowExecutionCancelRequested, the target closes CANCELED', async () => {
    const taskQueue = env.taskQueue('cancel-external');
    await env.runWorker({ taskQueue }, async () => {
      const target = await env.client.workflow.start(waitForPoke, {
        taskQueue,
        workflowId: `target-${randomUUID()}`,
      });
      const sender = await env.client.workflow.start(cancelExternal, {
        taskQueue,
        workflowId: `sender-${randomUUID()}`,
        args: [target.workflowId],
      });
      expect(await sender.result()).toBe('cancel requested');
      const error = await target.result().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);

      const senderTypes = eventTypes((await sender.fetchHistory()).events);
      expect(senderTypes).toContain('RequestCancelExternalWorkflowExecutionInitiated');
      expect(senderTypes).toContain('ExternalWorkflowExecutionCancelRequested');
      const requested = onlyEventOfType(
        (await target.fetchHistory()).events,
        'WorkflowExecutionCancelRequested',
      ).workflowExecutionCancelRequestedEventAttributes!;
      expect(requested.externalWorkflowExecution?.workflowId).toBe(sender.workflowId);
    });
  });

  it('fails a cancel request to a workflow that does not exist', async () => {
    const taskQueue = env.taskQueue('cancel-missing');
    await env.runWorker({ taskQueue }, async () => {
      const sender = await env.client.workflow.start(cancelExternal, {
        taskQueue,
        workflowId: `sender-${randomUUID()}`,
        args: [`nobody-${randomUUID()}`],
      });
      expect(await sender.result()).toMatch(/^failed: /);
      onlyEventOfType((await sender.fetchHistory()).events, 'RequestCancelExternalWorkflowExecutionFailed');
    });
  });
});
