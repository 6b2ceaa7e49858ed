import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, eventTypes } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import { collectMarks, markSignal } from './workflows/signals-queries.ts';

const { TaskQueueKind } = temporal.api.enums.v1;

describe('sticky task queues', () => {
  const env = useEngineTestEnv();

  async function workflowTasksCompleted(handle: WorkflowHandle, count: number) {
    await waitUntil(`${count} completed workflow task(s)`, async () => {
      const events = (await handle.fetchHistory()).events;
      return eventsOfType(events, 'WorkflowTaskCompleted').length >= count;
    });
  }

  async function scheduledTaskQueues(handle: WorkflowHandle) {
    const events = (await handle.fetchHistory()).events;
    return eventsOfType(events, 'WorkflowTaskScheduled').map(
      (event) => event.workflowTaskScheduledEventAttributes!.taskQueue!,
    );
  }

  it('schedules the next workflow task of a cached run on the worker’s sticky queue', async () => {
    const taskQueue = env.taskQueue('sticky');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(collectMarks, {
        taskQueue,
        workflowId: `sticky-${randomUUID()}`,
        args: [1],
      });
      await workflowTasksCompleted(handle, 1);
      await handle.signal(markSignal, 1);
      expect(await handle.result()).toEqual([1]);

      const [first, second] = await scheduledTaskQueues(handle);
      expect(first).toMatchObject({ name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL });
      expect(second?.kind).toBe(TaskQueueKind.TASK_QUEUE_KIND_STICKY);
      expect(second?.name).not.toBe(taskQueue);
      expect(second?.normalName).toBe(taskQueue);
    });
  });

  it('accepts ResetStickyTaskQueue and schedules the next workflow task on the normal queue', async () => {
    const taskQueue = env.taskQueue('sticky-reset');
    await env.runWorker({ taskQueue }, async () => {
      const workflowId = `sticky-reset-${randomUUID()}`;
      const handle = await env.client.workflow.start(collectMarks, { taskQueue, workflowId, args: [1] });
      await workflowTasksCompleted(handle, 1);
      const response = await env.connection.workflowService.resetStickyTaskQueue({
        namespace: env.namespace,
        execution: { workflowId, runId: handle.firstExecutionRunId },
      });
      expect(response).toEqual({});
      await handle.signal(markSignal, 1);
      expect(await handle.result()).toEqual([1]);

      const [, second] = await scheduledTaskQueues(handle);
      expect(second).toMatchObject({ name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL });
    });
  });

  it('lets a fresh worker take over a run after the caching worker shut down', async () => {
    const taskQueue = env.taskQueue('sticky-takeover');
    const handle = await env.client.workflow.start(collectMarks, {
      taskQueue,
      workflowId: `sticky-takeover-${randomUUID()}`,
      args: [2],
    });
    // The first worker runs two workflow tasks, the second from its cache via its sticky queue.
    await env.runWorker({ taskQueue, identity: 'first-worker' }, async () => {
      await workflowTasksCompleted(handle, 1);
      await handle.signal(markSignal, 1);
      await workflowTasksCompleted(handle, 2);
    });
    expect((await scheduledTaskQueues(handle)).at(-1)?.kind).toBe(TaskQueueKind.TASK_QUEUE_KIND_STICKY);

    await env.runWorker({ taskQueue, identity: 'second-worker' }, async () => {
      await handle.signal(markSignal, 2);
      expect(await handle.result()).toEqual([1, 2]);
    });
    const events = (await handle.fetchHistory()).events;
    const identities = eventsOfType(events, 'WorkflowTaskStarted').map(
      (event) => event.workflowTaskStartedEventAttributes?.identity,
    );
    expect(identities.at(0)).toBe('first-worker');
    expect(identities.at(-1)).toBe('second-worker');
    // The worker's ShutdownWorker call released its sticky queue, so the task did not wait out the
    // sticky schedule-to-start timeout. (The reference server still records that task as scheduled on
    // the sticky queue and hands it to the normal queue's pollers.)
    expect(eventTypes(events)).not.toContain('WorkflowTaskTimedOut');
  });
});
