import { randomUUID } from 'node:crypto';
import { int64ToNumber, temporal, timestampToMs } from '@kairos/proto';
import { Context } from '@temporalio/activity';
import { describe, expect, it } from 'vitest';
import { deferred } from './support/deferred.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import { runActivity } from './workflows/activity-calls.ts';
import { echo, waitForFinish } from './workflows/basic.ts';

const { PendingActivityState, PendingWorkflowTaskState, TaskQueueType } = temporal.api.enums.v1;

describe('DescribeWorkflowExecution and DescribeTaskQueue', () => {
  const env = useEngineTestEnv();

  it('describes a completed workflow: status, type, task queue, history length, close time', async () => {
    const taskQueue = env.taskQueue('describe-completed');
    const workflowId = `describe-completed-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(echo, { taskQueue, workflowId, args: ['described'] });
      await handle.result();
      const description = await handle.describe();
      const historyLength = (await handle.fetchHistory()).events?.length;

      expect(description.workflowId).toBe(workflowId);
      expect(description.runId).toBe(handle.firstExecutionRunId);
      expect(description.type).toBe('echo');
      expect(description.taskQueue).toBe(taskQueue);
      expect(description.status.name).toBe('COMPLETED');
      expect(description.historyLength).toBe(historyLength);
      expect(description.historyLength).toBe(5);
      expect(description.closeTime).toBeInstanceOf(Date);
      expect(description.startTime).toBeInstanceOf(Date);
      expect(description.closeTime!.getTime()).toBeGreaterThanOrEqual(description.startTime.getTime());
      expect(timestampToMs(description.raw.workflowExecutionInfo?.executionTime)).toBe(
        description.startTime.getTime(),
      );
      expect(description.raw.pendingActivities ?? []).toHaveLength(0);
    });
  });

  it('shows the pending workflow task of a workflow no worker has picked up', async () => {
    const taskQueue = env.taskQueue('describe-no-worker');
    const handle = await env.client.workflow.start(waitForFinish, {
      taskQueue,
      workflowId: `describe-no-worker-${randomUUID()}`,
    });
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.closeTime).toBeUndefined();
    expect(description.historyLength).toBe(2);
    expect(description.raw.executionConfig?.taskQueue?.name).toBe(taskQueue);
    const pendingTask = description.raw.pendingWorkflowTask;
    expect(pendingTask?.state).toBe(PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED);
    expect(pendingTask?.attempt).toBe(1);
    expect(timestampToMs(pendingTask?.scheduledTime)).toBeGreaterThan(0);
    await handle.terminate('test done');
  });

  it('lists a started activity under pendingActivities with its id, type, attempt and state', async () => {
    const taskQueue = env.taskQueue('describe-pending-activity');
    const started = deferred();
    const finish = deferred();
    const activities = {
      async blocksUntilReleased() {
        started.resolve();
        await Promise.race([finish.promise, Context.current().cancelled]);
        return 'released';
      },
    };
    await env.runWorker({ taskQueue, activities }, async () => {
      const handle = await env.client.workflow.start(runActivity, {
        taskQueue,
        workflowId: `describe-pending-activity-${randomUUID()}`,
        args: [
          { name: 'blocksUntilReleased', options: { startToCloseTimeout: '30s', activityId: 'blocked-1' } },
        ],
      });
      await started.promise;
      const pending = await waitUntil('the activity to show as started', async () => {
        const [activity] = (await handle.describe()).raw.pendingActivities ?? [];
        return activity?.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED ? activity : undefined;
      });
      expect(pending.activityId).toBe('blocked-1');
      expect(pending.activityType?.name).toBe('blocksUntilReleased');
      expect(pending.attempt).toBe(1);
      expect(timestampToMs(pending.lastStartedTime)).toBeGreaterThan(0);
      expect(pending.lastWorkerIdentity).toBe(`engine-test-worker@${taskQueue}`);

      finish.resolve();
      expect(await handle.result()).toBe('released');
      expect((await handle.describe()).raw.pendingActivities ?? []).toHaveLength(0);
    });
  });

  it('reports historyLength as it grows', async () => {
    const taskQueue = env.taskQueue('describe-history-length');
    const handle = await env.client.workflow.start(waitForFinish, {
      taskQueue,
      workflowId: `describe-history-length-${randomUUID()}`,
    });
    await handle.signal('finish', 'x');
    const description = await handle.describe();
    expect(description.historyLength).toBe(3);
    expect(int64ToNumber(description.raw.workflowExecutionInfo?.historyLength)).toBe(3);
    expect(eventTypes((await handle.fetchHistory()).events)).toHaveLength(3);
    await handle.terminate('test done');
  });

  it('lists a running worker among the pollers of its workflow and activity task queues', async () => {
    const taskQueue = env.taskQueue('describe-task-queue');
    const identity = `engine-test-worker@${taskQueue}`;
    const activities = { async unused() {} };
    await env.runWorker({ taskQueue, activities }, async () => {
      for (const taskQueueType of [
        TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      ]) {
        const poller = await waitUntil(`a ${TaskQueueType[taskQueueType]} poller`, async () => {
          const response = await env.connection.workflowService.describeTaskQueue({
            namespace: env.namespace,
            taskQueue: { name: taskQueue },
            taskQueueType,
          });
          return response.pollers?.find((candidate) => candidate.identity === identity);
        });
        expect(timestampToMs(poller.lastAccessTime)).toBeGreaterThan(Date.now() - 60_000);
      }
    });
  });
});
