// Schedules through the official SDK's ScheduleClient (and raw rpcs where the SDK hides a detail).
// Expected shapes and defaults were taken from the reference Temporal server (docs/schedules.md).
import { randomUUID } from 'node:crypto';
import { msToDuration, msToTimestamp, timestampToMs } from '@kairos/proto';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleDescription,
  type ScheduleOptions,
} from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { failureDetail, grpcError } from '../support/grpc-error.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { waitUntil } from './support/wait-until.ts';

describe('Schedules', () => {
  const env = useEngineTestEnv();

  function options(label: string, overrides: Partial<ScheduleOptions> = {}): ScheduleOptions {
    const scheduleId = `${label}-${randomUUID()}`;
    return {
      scheduleId,
      spec: { intervals: [{ every: '1h' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'waitForFinish',
        workflowId: `${scheduleId}-wf`,
        taskQueue: env.taskQueue(label),
      },
      ...overrides,
    };
  }

  const actionsTaken = (description: ScheduleDescription) => description.info.numActionsTaken;

  it('creates, describes, lists and deletes a schedule; cron strings come back compiled', async () => {
    const handle = await env.client.schedule.create(
      options('crud', {
        spec: { cronExpressions: ['*/5 * * * *'], calendars: [{ hour: 3, dayOfWeek: 'MONDAY' }] },
        memo: { team: 'payments' },
        state: { note: 'created by the test' },
      }),
    );
    const described = await handle.describe();
    expect(described.spec.calendars).toHaveLength(2);
    expect(described.spec.calendars?.[1]).toMatchObject({
      second: [{ start: 0, end: 0, step: 1 }],
      minute: [{ start: 0, end: 59, step: 5 }],
      hour: [{ start: 0, end: 23, step: 1 }],
    });
    expect(described.policies).toEqual({
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: 365 * 24 * 3_600_000,
      pauseOnFailure: false,
    });
    expect(described.memo).toEqual({ team: 'payments' });
    expect(described.state).toEqual({
      paused: false,
      note: 'created by the test',
      remainingActions: undefined,
    });
    expect(described.info.nextActionTimes).toHaveLength(10);
    const [first, second] = described.info.nextActionTimes;
    expect(first!.getTime() % 300_000).toBe(0);
    expect(second!.getTime() - first!.getTime()).toBeLessThanOrEqual(300_000);
    expect(described.info.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(described.raw.conflictToken).toHaveLength(8);

    const listed = [];
    for await (const entry of env.client.schedule.list({ pageSize: 2 })) listed.push(entry);
    const entry = listed.find((candidate) => candidate.scheduleId === handle.scheduleId);
    expect(entry).toMatchObject({
      action: { type: 'startWorkflow', workflowType: 'waitForFinish' },
      memo: { team: 'payments' },
      state: { paused: false, note: 'created by the test' },
    });
    expect(entry?.info.nextActionTimes).toHaveLength(5);

    await handle.delete();
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  it('refuses a second schedule with the same id, but not a retry of the same create', async () => {
    const created = options('duplicate');
    await env.client.schedule.create(created);
    await expect(env.client.schedule.create(created)).rejects.toBeInstanceOf(ScheduleAlreadyRunning);
    const raw = {
      namespace: env.namespace,
      scheduleId: `raw-${randomUUID()}`,
      requestId: randomUUID(),
      schedule: {
        spec: { interval: [{ interval: msToDuration(3_600_000) }] },
        action: {
          startWorkflow: { workflowId: 'raw', workflowType: { name: 'echo' }, taskQueue: { name: 'raw' } },
        },
      },
    };
    await env.connection.workflowService.createSchedule(raw);
    await env.connection.workflowService.createSchedule(raw);
    const conflict = await grpcError(
      env.connection.workflowService.createSchedule({ ...raw, requestId: randomUUID() }),
    );
    expect(conflict.code).toBe(6); // ALREADY_EXISTS
    expect(failureDetail(conflict)?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
    );
    await env.client.schedule.getHandle(created.scheduleId).delete();
    await env.client.schedule.getHandle(raw.scheduleId).delete();
  });

  it('starts workflows named after the nominal time, and records them as recent actions', async () => {
    const created = options('fires', {
      spec: { intervals: [{ every: '1s' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'echo',
        args: ['scheduled'],
        workflowId: `fires-${randomUUID()}`,
        taskQueue: env.taskQueue('fires'),
      },
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
    });
    const handle = await env.client.schedule.create(created);
    await env.runWorker({ taskQueue: created.action.taskQueue }, async () => {
      const described = await waitUntil('two actions', async () => {
        const description = await handle.describe();
        return actionsTaken(description) >= 2 && description;
      });
      const [action] = described.info.recentActions;
      const nominal = action!.scheduledAt;
      expect(nominal.getTime() % 1000).toBe(0);
      // Punctuality under a quiet load is schedule-timing.test.ts's subject; here only the order.
      expect(action!.takenAt.getTime()).toBeGreaterThanOrEqual(nominal.getTime());
      const workflowId = action!.action.workflow.workflowId;
      expect(workflowId).toBe(`${created.action.workflowId}-${nominal.toISOString().replace('.000Z', 'Z')}`);
      const run = env.client.workflow.getHandle(workflowId, action!.action.workflow.firstExecutionRunId);
      expect(await run.result()).toBe('scheduled');
    });
    await handle.delete();
  });

  it('skips a start while the previous run still runs (SKIP), or starts it anyway (ALLOW_ALL)', async () => {
    // No worker: every started run stays running.
    const skip = await env.client.schedule.create(
      options('skip', { spec: { intervals: [{ every: '1s' }] } }),
    );
    const allowAll = await env.client.schedule.create(
      options('allow-all', {
        spec: { intervals: [{ every: '1s' }] },
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
      }),
    );
    await waitUntil('three ALLOW_ALL actions', async () => actionsTaken(await allowAll.describe()) >= 3);
    const skipped = await waitUntil('SKIP to skip twice', async () => {
      const description = await skip.describe();
      return description.info.numActionsSkippedOverlap >= 2 && description;
    });
    expect(actionsTaken(skipped)).toBe(1);
    expect(skipped.info.runningActions).toHaveLength(1);
    for (const handle of [skip, allowAll]) {
      const description = await handle.describe();
      await handle.delete();
      for (const action of description.info.recentActions) {
        await env.client.workflow.getHandle(action.action.workflow.workflowId).terminate('test done');
      }
    }
  });

  it('pauses and unpauses with notes; triggers and backfills run even while paused', async () => {
    const handle = await env.client.schedule.create(
      options('pause', {
        spec: { intervals: [{ every: '1h' }] },
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
      }),
    );
    await handle.pause('maintenance');
    expect((await handle.describe()).state).toMatchObject({ paused: true, note: 'maintenance' });
    await handle.trigger();
    const hour = 3_600_000;
    const start = new Date(Math.floor(Date.now() / hour) * hour - 3 * hour);
    await handle.backfill({ start, end: new Date(start.getTime() + 2 * hour) });
    const described = await waitUntil('trigger and backfill', async () => {
      const description = await handle.describe();
      return actionsTaken(description) >= 4 && description;
    });
    const nominal = described.info.recentActions.map((action) => action.scheduledAt.getTime());
    // Backfill: both ends inclusive; default overlap from the schedule (ALLOW_ALL here).
    expect(nominal).toEqual(expect.arrayContaining([0, 1, 2].map((index) => start.getTime() + index * hour)));
    expect(actionsTaken(described)).toBe(4);
    await handle.unpause('back');
    expect((await handle.describe()).state).toMatchObject({ paused: false, note: 'back' });
    await handle.delete();
    for (const action of described.info.recentActions) {
      await env.client.workflow.getHandle(action.action.workflow.workflowId).terminate('test done');
    }
  });

  it('updates a schedule; a stale conflict token fails with FAILED_PRECONDITION', async () => {
    const handle = await env.client.schedule.create(options('update'));
    const before = await handle.describe();
    await handle.update((previous) => ({
      ...previous,
      spec: { intervals: [{ every: '2h', offset: '5m' }] },
      state: { paused: true, note: 'updated' },
    }));
    const after = await handle.describe();
    expect(after.spec.intervals).toEqual([{ every: 7_200_000, offset: 300_000 }]);
    expect(after.state).toMatchObject({ paused: true, note: 'updated' });
    expect(after.info.lastUpdatedAt).toBeInstanceOf(Date);
    expect(after.info.nextActionTimes[0]!.getTime() % 7_200_000).toBe(300_000);
    const stale = await grpcError(
      env.connection.workflowService.updateSchedule({
        namespace: env.namespace,
        scheduleId: handle.scheduleId,
        schedule: before.raw.schedule,
        conflictToken: before.raw.conflictToken,
        requestId: randomUUID(),
      }),
    );
    expect(stale.code).toBe(9); // FAILED_PRECONDITION
    expect(stale.details).toMatch(/conflictToken/);
    await env.connection.workflowService.updateSchedule({
      namespace: env.namespace,
      scheduleId: handle.scheduleId,
      schedule: before.raw.schedule,
      conflictToken: after.raw.conflictToken,
      requestId: randomUUID(),
    });
    expect((await handle.describe()).spec.intervals).toEqual([{ every: 3_600_000 }]);
    await handle.delete();
  });

  it('stops after the remaining actions are used up', async () => {
    const handle = await env.client.schedule.create(
      options('limited', {
        spec: { intervals: [{ every: '1s' }] },
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
        state: { remainingActions: 2 },
      }),
    );
    const described = await waitUntil('two actions', async () => {
      const description = await handle.describe();
      return actionsTaken(description) >= 2 && description;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a third would be due by now
    const later = await handle.describe();
    expect(actionsTaken(later)).toBe(2);
    expect(later.state.remainingActions).toBe(0);
    expect(later.info.nextActionTimes).toEqual([]);
    await handle.delete();
    for (const action of described.info.recentActions) {
      await env.client.workflow.getHandle(action.action.workflow.workflowId).terminate('test done');
    }
  });

  it('lists matching times: start exclusive, end inclusive', async () => {
    const handle = await env.client.schedule.create(
      options('matching', { spec: { intervals: [{ every: '2s' }] } }),
    );
    const response = await env.connection.workflowService.listScheduleMatchingTimes({
      namespace: env.namespace,
      scheduleId: handle.scheduleId,
      startTime: msToTimestamp(1_000_000),
      endTime: msToTimestamp(1_010_000),
    });
    expect(response.startTime.map((time) => timestampToMs(time)! / 1000)).toEqual([
      1002, 1004, 1006, 1008, 1010,
    ]);
    await handle.delete();
  });

  it('answers bad specs, unknown ids and list queries with typed errors', async () => {
    await expect(
      env.client.schedule.create(options('bad-cron', { spec: { cronExpressions: ['not a cron'] } })),
    ).rejects.toThrow(TypeError);
    await expect(
      env.client.schedule.create(options('bad-cron', { spec: { cronExpressions: ['not a cron'] } })),
    ).rejects.toThrow(/^schedule\.spec\.cronString\[0\]: CronString does not have 5-7 fields$/);
    const unknown = env.client.schedule.getHandle(`unknown-${randomUUID()}`);
    await expect(unknown.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(unknown.pause()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await expect(unknown.delete()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const missingQueue = await grpcError(
      env.connection.workflowService.createSchedule({
        namespace: env.namespace,
        scheduleId: `no-queue-${randomUUID()}`,
        schedule: {
          spec: { interval: [{ interval: msToDuration(10_000) }] },
          action: { startWorkflow: { workflowId: 'a', workflowType: { name: 'echo' } } },
        },
      }),
    );
    expect(missingQueue.code).toBe(3);
    expect(missingQueue.details).toMatch(/^schedule\.action\.startWorkflow\.taskQueue/);
    const query = await grpcError(
      env.connection.workflowService.listSchedules({ namespace: env.namespace, query: 'ScheduleId = "x"' }),
    );
    expect(query.code).toBe(3);
    expect(query.details).toMatch(/^query: /);
  });
});
