import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';
import { durationToMs, int64ToNumber, temporal, timestampToMs } from '@kairos/proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  activityTask,
  createMatchingFixture,
  pollActivity,
  pollWorkflow,
  untilPollsWaiting,
  workflowTask,
  type MatchingFixture,
} from './support/matching-fixture.ts';

const { DescribeTaskQueueMode, TaskQueueKind, TaskQueueType, WorkflowExecutionStatus } =
  temporal.api.enums.v1;

let fixture: MatchingFixture;
beforeAll(async () => {
  fixture = await createMatchingFixture('describe');
});
afterEach(() => fixture.afterEach());
afterAll(() => fixture.close());

describe('DescribeTaskQueue', () => {
  it('lists the recent pollers of the requested type with Temporal’s rates', async () => {
    const engine = fixture.engine({ longPollMs: 100 });
    const namespace = fixture.namespace();
    const before = Date.now();
    await Promise.all([
      pollWorkflow(engine, namespace, 'orders', { identity: 'wf-worker' }),
      pollActivity(engine, namespace, 'orders', { identity: 'act-worker', maxTasksPerSecond: 7.5 }),
      pollActivity(engine, namespace, 'other-queue', { identity: 'elsewhere' }),
    ]);

    const workflow = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders' },
    });
    expect(workflow.pollers).toEqual([
      { identity: 'wf-worker', lastAccessTime: expect.anything(), ratePerSecond: 100_000 },
    ]);
    expect(timestampToMs(workflow.pollers![0]!.lastAccessTime)).toBeGreaterThanOrEqual(before);
    expect(workflow.stats).toBeUndefined();
    expect(workflow.taskQueueStatus).toBeUndefined();

    const activity = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders' },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      includeTaskQueueStatus: true,
    });
    expect(activity.pollers?.map((poller) => [poller.identity, poller.ratePerSecond])).toEqual([
      ['act-worker', 7.5],
    ]);
    expect(activity.taskQueueStatus?.ratePerSecond).toBe(7.5);
  });

  it('reports the backlog (stored tasks and waiting queries) when stats or status are asked', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    for (let index = 0; index < 3; index++)
      await engine.handleTaskMessage(workflowTask(namespace.id, 'orders'));
    await engine.handleTaskMessage(activityTask(namespace.id, 'orders'));
    const query = engine.queryWorkflow(
      namespace,
      {
        workflowId: 'w',
        runId: randomUUID(),
        workflowType: 't',
        status: WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        taskQueue: 'orders',
        stickyTaskQueue: undefined,
        history: [],
      },
      { queryType: 'q' },
      AbortSignal.timeout(10_000),
    );
    query.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const response = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders', kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
      includeTaskQueueStatus: true,
    });
    expect(int64ToNumber(response.stats?.approximateBacklogCount)).toBe(4);
    expect(durationToMs(response.stats?.approximateBacklogAge)).toBeGreaterThanOrEqual(15);
    expect(response.stats?.tasksAddRate).toBeCloseTo(3 / 30);
    expect(response.stats?.tasksDispatchRate).toBe(0);
    expect(response.statsByPriorityKey?.[3]).toEqual(response.stats);
    expect(int64ToNumber(response.taskQueueStatus?.backlogCountHint)).toBe(4);

    const activities = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders' },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      reportStats: true,
    });
    expect(int64ToNumber(activities.stats?.approximateBacklogCount)).toBe(1);

    await pollActivity(engine, namespace, 'orders');
    const drained = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders' },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      reportStats: true,
    });
    expect(int64ToNumber(drained.stats?.approximateBacklogCount)).toBe(0);
    expect(drained.stats?.tasksDispatchRate).toBeCloseTo(1 / 30);
  });

  it('answers the ENHANCED mode per type under the unversioned build id', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    const controller = new AbortController();
    const poll = pollWorkflow(engine, namespace, 'orders', {
      identity: 'wf-worker',
      signal: controller.signal,
    });
    await untilPollsWaiting(engine, namespace.id, 'orders');
    await engine.handleTaskMessage(activityTask(namespace.id, 'orders'));

    const response = await engine.describeTaskQueue(namespace, {
      namespace: namespace.name,
      taskQueue: { name: 'orders' },
      apiMode: DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED,
      reportPollers: true,
      reportStats: true,
    });
    const types = response.versionsInfo?.['']?.typesInfo;
    expect(Object.keys(types ?? {}).sort()).toEqual(['1', '2']);
    expect(
      types?.[TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW]?.pollers?.map((poller) => poller.identity),
    ).toEqual(['wf-worker']);
    expect(
      int64ToNumber(types?.[TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]?.stats?.approximateBacklogCount),
    ).toBe(1);
    controller.abort();
    await poll;
  });

  it('refuses stats for a sticky queue, as Temporal does', async () => {
    const engine = fixture.engine();
    const namespace = fixture.namespace();
    await expect(
      engine.describeTaskQueue(namespace, {
        namespace: namespace.name,
        taskQueue: { name: 'worker-1-sticky', kind: TaskQueueKind.TASK_QUEUE_KIND_STICKY },
        reportStats: true,
      }),
    ).rejects.toBeInstanceOf(InvalidArgument);
  });
});
