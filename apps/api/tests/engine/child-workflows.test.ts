import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, ChildWorkflowFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventId, eventTypes, eventsOfType, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { historyProblems } from './support/well-formed-history.ts';
import { waitUntil } from './support/wait-until.ts';
import {
  childWaitsForRelease,
  parentCancelsChild,
  parentExecutesChild,
  parentLeavesChildOpen,
  parentOfContinuingChild,
  parentOfFailingChild,
  parentStartsTakenChild,
  parentWaitsOnChild,
  releaseChildSignal,
} from './workflows/child-workflows.ts';

describe('child workflows', () => {
  const env = useEngineTestEnv();

  it("returns the child's result to executeChild, with both histories linked", async () => {
    const taskQueue = env.taskQueue('child-result');
    const parentId = `parent-${randomUUID()}`;
    const childId = `child-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const parent = await env.client.workflow.start(parentExecutesChild, {
        taskQueue,
        workflowId: parentId,
        args: [childId, 'hello'],
      });
      expect(await parent.result()).toBe('child:hello');

      const parentEvents = (await parent.fetchHistory()).events;
      expect(historyProblems(parentEvents ?? []), eventTypes(parentEvents).join(', ')).toEqual([]);
      const types = eventTypes(parentEvents);
      expect(types.indexOf('StartChildWorkflowExecutionInitiated')).toBeLessThan(
        types.indexOf('ChildWorkflowExecutionStarted'),
      );
      expect(types.indexOf('ChildWorkflowExecutionStarted')).toBeLessThan(
        types.indexOf('ChildWorkflowExecutionCompleted'),
      );
      const initiated = onlyEventOfType(parentEvents, 'StartChildWorkflowExecutionInitiated');
      const attributes = initiated.startChildWorkflowExecutionInitiatedEventAttributes!;
      expect(attributes.workflowId).toBe(childId);
      expect(attributes.workflowType?.name).toBe('childEcho');
      expect(attributes.namespace).toBe(env.namespace);
      const started = onlyEventOfType(
        parentEvents,
        'ChildWorkflowExecutionStarted',
      ).childWorkflowExecutionStartedEventAttributes!;
      expect(eventId({ eventId: started.initiatedEventId })).toBe(eventId(initiated));
      const completed = onlyEventOfType(
        parentEvents,
        'ChildWorkflowExecutionCompleted',
      ).childWorkflowExecutionCompletedEventAttributes!;
      expect(decodePayloads(completed.result)).toEqual(['child:hello']);
      expect(completed.workflowExecution?.runId).toBe(started.workflowExecution?.runId);

      // Exactly one child run, whatever the bus redelivered: the one the parent recorded.
      const child = env.client.workflow.getHandle(childId);
      const description = await child.describe();
      expect(description.runId).toBe(started.workflowExecution?.runId);
      expect(description.raw.workflowExecutionInfo?.firstRunId).toBe(description.runId);
      expect(description.parentExecution).toEqual({
        workflowId: parentId,
        runId: parent.firstExecutionRunId,
      });
      expect(description.raw.workflowExecutionInfo?.rootExecution?.workflowId).toBe(parentId);
      const childEvents = (await child.fetchHistory()).events;
      const childStarted = onlyEventOfType(
        childEvents,
        'WorkflowExecutionStarted',
      ).workflowExecutionStartedEventAttributes!;
      expect(childStarted.parentWorkflowExecution).toMatchObject({
        workflowId: parentId,
        runId: parent.firstExecutionRunId,
      });
      expect(childStarted.parentWorkflowNamespace).toBe(env.namespace);
      expect(eventId({ eventId: childStarted.parentInitiatedEventId })).toBe(eventId(initiated));
      expect(eventTypes(childEvents).at(-1)).toBe('WorkflowExecutionCompleted');

      // Visibility knows the tree: the child is found by its parent and root.
      const query = `ParentWorkflowId = '${parentId}' AND RootWorkflowId = '${parentId}' AND ExecutionStatus = 'Completed'`;
      await waitUntil('the child to be listed under its parent', async () => {
        const listed: string[] = [];
        for await (const execution of env.client.workflow.list({ query })) listed.push(execution.workflowId);
        return listed.length === 1 && listed[0] === childId;
      });
    });
  });

  it("surfaces a child's failure as ChildWorkflowFailure in the parent", async () => {
    const taskQueue = env.taskQueue('child-failure');
    const childId = `failing-child-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const parent = await env.client.workflow.start(parentOfFailingChild, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId],
      });
      const error = await parent.result().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const childFailure = (error as WorkflowFailedError).cause;
      expect(childFailure).toBeInstanceOf(ChildWorkflowFailure);
      expect((childFailure as ChildWorkflowFailure).execution.workflowId).toBe(childId);
      expect((childFailure as ChildWorkflowFailure).cause).toBeInstanceOf(ApplicationFailure);
      expect((childFailure as ChildWorkflowFailure).cause?.message).toBe('the child broke');
      const failed = onlyEventOfType(
        (await parent.fetchHistory()).events,
        'ChildWorkflowExecutionFailed',
      ).childWorkflowExecutionFailedEventAttributes!;
      expect(failed.failure?.message).toBe('the child broke');
      expect((await env.client.workflow.getHandle(childId).describe()).status.name).toBe('FAILED');
    });
  });

  it('fails the start of a child whose id is running: StartChildWorkflowExecutionFailed', async () => {
    const taskQueue = env.taskQueue('child-conflict');
    const childId = `taken-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const occupant = await env.client.workflow.start(childWaitsForRelease, {
        taskQueue,
        workflowId: childId,
      });
      const parent = await env.client.workflow.start(parentStartsTakenChild, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId],
      });
      expect(await parent.result()).toBe(`already started: ${childId}`);
      const events = (await parent.fetchHistory()).events;
      const failed = onlyEventOfType(
        events,
        'StartChildWorkflowExecutionFailed',
      ).startChildWorkflowExecutionFailedEventAttributes!;
      expect(failed.workflowId).toBe(childId);
      expect(eventTypes(events)).not.toContain('ChildWorkflowExecutionStarted');
      // The occupant was not touched.
      const description = await occupant.describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.parentExecution).toBeUndefined();
      await occupant.signal(releaseChildSignal);
      expect(await occupant.result()).toBe('released');
    });
  });

  it('tells the parent only of the last run of a child that continued as new', async () => {
    const taskQueue = env.taskQueue('child-continues');
    const childId = `continuing-child-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const parent = await env.client.workflow.start(parentOfContinuingChild, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId],
      });
      expect(await parent.result()).toBe('chain done');
      const events = (await parent.fetchHistory()).events;
      const started = onlyEventOfType(events, 'ChildWorkflowExecutionStarted');
      const completed = onlyEventOfType(events, 'ChildWorkflowExecutionCompleted');
      const lastRun = await env.client.workflow.getHandle(childId).describe();
      expect(completed.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.runId).toBe(
        lastRun.runId,
      );
      expect(started.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.runId).toBe(
        lastRun.raw.workflowExecutionInfo?.firstRunId,
      );
      expect(lastRun.runId).not.toBe(lastRun.raw.workflowExecutionInfo?.firstRunId);
      // The last run is still the parent's child.
      expect(lastRun.parentExecution?.workflowId).toBe(parent.workflowId);
    });
  });

  describe('parent close policy', () => {
    async function leaveChildOpen(policy: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON', taskQueue: string) {
      const childId = `open-child-${randomUUID()}`;
      const parent = await env.client.workflow.start(parentLeavesChildOpen, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId, policy],
      });
      await parent.result();
      return env.client.workflow.getHandle(childId);
    }

    it('terminates an open child when the parent completes (TERMINATE, the default)', async () => {
      const taskQueue = env.taskQueue('policy-terminate');
      await env.runWorker({ taskQueue }, async () => {
        const child = await leaveChildOpen('TERMINATE', taskQueue);
        await waitUntil(
          'the child to be terminated',
          async () => (await child.describe()).status.name === 'TERMINATED',
        );
        const terminated = onlyEventOfType(
          (await child.fetchHistory()).events,
          'WorkflowExecutionTerminated',
        ).workflowExecutionTerminatedEventAttributes!;
        expect(terminated.reason).toBe('by parent close policy');
      });
    });

    it('asks an open child to cancel when the parent completes (REQUEST_CANCEL)', async () => {
      const taskQueue = env.taskQueue('policy-cancel');
      await env.runWorker({ taskQueue }, async () => {
        const child = await leaveChildOpen('REQUEST_CANCEL', taskQueue);
        const error = await child.result().catch((caught: unknown) => caught);
        expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
        const events = (await child.fetchHistory()).events;
        expect(eventsOfType(events, 'WorkflowExecutionCancelRequested')).toHaveLength(1);
        expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionCanceled');
      });
    });

    it('leaves an open child running when the parent completes (ABANDON)', async () => {
      const taskQueue = env.taskQueue('policy-abandon');
      await env.runWorker({ taskQueue }, async () => {
        const child = await leaveChildOpen('ABANDON', taskQueue);
        // It is still running and takes signals after its parent closed; nothing cancelled it.
        await child.signal(releaseChildSignal);
        expect(await child.result()).toBe('released');
        const types = eventTypes((await child.fetchHistory()).events);
        expect(types).not.toContain('WorkflowExecutionCancelRequested');
        expect(types).not.toContain('WorkflowExecutionTerminated');
      });
    });
  });

  it('cancels a child from the parent (RequestCancelExternal, child only) and waits for it', async () => {
    const taskQueue = env.taskQueue('child-cancel');
    const childId = `cancelled-child-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const parent = await env.client.workflow.start(parentCancelsChild, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId],
      });
      expect(await parent.result()).toBe('child cancelled');
      const types = eventTypes((await parent.fetchHistory()).events);
      expect(types).toContain('RequestCancelExternalWorkflowExecutionInitiated');
      expect(types).toContain('ExternalWorkflowExecutionCancelRequested');
      expect(types).toContain('ChildWorkflowExecutionCanceled');
      const child = env.client.workflow.getHandle(childId);
      expect((await child.describe()).status.name).toBe('CANCELLED');
      const requested = onlyEventOfType(
        (await child.fetchHistory()).events,
        'WorkflowExecutionCancelRequested',
      ).workflowExecutionCancelRequestedEventAttributes!;
      expect(requested.externalWorkflowExecution?.workflowId).toBe(parent.workflowId);
    });
  });

  it("cancelling the parent cancels its child (the SDK's WAIT_CANCELLATION_COMPLETED)", async () => {
    const taskQueue = env.taskQueue('parent-cancel');
    const childId = `child-of-cancelled-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const parent = await env.client.workflow.start(parentWaitsOnChild, {
        taskQueue,
        workflowId: `parent-${randomUUID()}`,
        args: [childId],
      });
      await waitUntil('the child to start', async () =>
        eventTypes((await parent.fetchHistory()).events).includes('ChildWorkflowExecutionStarted'),
      );
      expect((await parent.describe()).raw.pendingChildren).toMatchObject([
        { workflowId: childId, workflowTypeName: 'childWaitsForRelease' },
      ]);
      await parent.cancel();
      const error = await parent.result().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((await env.client.workflow.getHandle(childId).describe()).status.name).toBe('CANCELLED');
      expect(eventTypes((await parent.fetchHistory()).events)).toContain('ChildWorkflowExecutionCanceled');
    });
  });
});
