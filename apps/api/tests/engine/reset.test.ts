import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { int64, int64ToNumber, temporal } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcError } from '../support/grpc-error.ts';
import { startAuthApiUnderTest, type AuthApiUnderTest } from '../auth/support/auth-api-under-test.ts';
import { deferred } from './support/deferred.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import {
  eventId,
  eventTypeName,
  eventTypes,
  onlyEventOfType,
  type HistoryEvent,
} from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import { resetNoteSignal, resetReleaseSignal, resetTarget, type ResetActivities } from './workflows/reset.ts';

const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const RESET_WORKFLOW =
  temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;

/** The usual reset point: the WorkflowTaskCompleted of the task that handled the activity's result. */
function pointAfterActivity(events: HistoryEvent[] | null | undefined): number | undefined {
  const all = events ?? [];
  const completed = all.findIndex((event) => eventTypeName(event) === 'ActivityTaskCompleted');
  if (completed < 0) return undefined;
  const point = all.slice(completed).find((event) => eventTypeName(event) === 'WorkflowTaskCompleted');
  return point && eventId(point);
}

/** Activities counting their calls; the quota check reports the bug until `fix()`. */
function countingActivities() {
  const calls = { fetches: 0, checks: 0, buggy: true };
  const activities: ResetActivities = {
    async fetchQuota() {
      calls.fetches += 1;
      return 42;
    },
    async checkQuota() {
      calls.checks += 1;
      return calls.buggy ? 'bug' : 'ok';
    },
  };
  return { calls, activities };
}

describe('ResetWorkflowExecution', () => {
  const env = useEngineTestEnv();

  function reset(options: {
    workflowId: string;
    runId?: string;
    finishEventId: number;
    reason?: string;
    requestId?: string;
  }) {
    return env.connection.workflowService.resetWorkflowExecution({
      namespace: env.namespace,
      workflowExecution: { workflowId: options.workflowId, runId: options.runId },
      reason: options.reason ?? 'engine test reset',
      workflowTaskFinishEventId: int64(options.finishEventId),
      requestId: options.requestId ?? randomUUID(),
    });
  }

  async function historyOf(workflowId: string, runId: string): Promise<HistoryEvent[]> {
    return (await env.client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
  }

  it('resets a failed run after its activity: the fix runs, the activity does not run again, later signals arrive once', async () => {
    const taskQueue = env.taskQueue('reset-fix');
    const workflowId = `reset-fix-${randomUUID()}`;
    const { calls, activities } = countingActivities();
    const handle = await env.client.workflow.start(resetTarget, { taskQueue, workflowId });
    const baseRunId = handle.firstExecutionRunId;
    // Sent before any worker runs: it is in the history the new run copies, not reapplied.
    await handle.signal(resetNoteSignal, 'early');
    await env.runWorker({ taskQueue, activities }, async () => {
      await waitUntil('the activity result to be handled', async () =>
        pointAfterActivity(await historyOf(workflowId, baseRunId)),
      );
      await handle.signal(resetNoteSignal, 'late');
      await handle.signal(resetReleaseSignal);
      const failure = await handle.result().catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(WorkflowFailedError);

      const baseEvents = await historyOf(workflowId, baseRunId);
      const point = pointAfterActivity(baseEvents)!;
      calls.buggy = false;
      const { runId } = await reset({
        workflowId,
        runId: baseRunId,
        finishEventId: point,
        reason: 'fixed the quota check',
      });
      expect(runId).toMatch(/\S/);
      expect(runId).not.toBe(baseRunId);
      const result = await env.client.workflow.getHandle(workflowId, runId).result();
      expect(result).toEqual({ quota: 42, notes: ['early', 'late'] });

      // The new run: the base history up to the point, the task there failed with RESET_WORKFLOW,
      // the two later signals once each, then the run went on to complete.
      const events = await historyOf(workflowId, runId);
      expect(eventTypes(events.slice(0, point - 1))).toEqual(eventTypes(baseEvents.slice(0, point - 1)));
      expect(events.slice(0, point - 1).map(eventId)).toEqual(baseEvents.slice(0, point - 1).map(eventId));
      const failed = events[point - 1]!;
      expect(eventTypeName(failed)).toBe('WorkflowTaskFailed');
      const attributes = failed.workflowTaskFailedEventAttributes!;
      expect(attributes.cause).toBe(RESET_WORKFLOW);
      expect(attributes.failure?.message).toBe('fixed the quota check');
      expect(attributes.baseRunId).toBe(baseRunId);
      expect(attributes.newRunId).toBe(runId);
      expect(int64ToNumber(attributes.startedEventId)).toBe(point - 1);
      const reapplied = events.slice(point, point + 2);
      expect(eventTypes(reapplied)).toEqual(['WorkflowExecutionSignaled', 'WorkflowExecutionSignaled']);
      expect(reapplied.map((event) => event.workflowExecutionSignaledEventAttributes?.signalName)).toEqual([
        'note',
        'release',
      ]);
      expect(decodePayloads(reapplied[0]!.workflowExecutionSignaledEventAttributes?.input)).toEqual(['late']);
      expect(eventTypeName(events[point + 2]!)).toBe('WorkflowTaskScheduled');
      expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionCompleted');
    });
    expect(calls).toMatchObject({ fetches: 1, checks: 2 });

    // The failed run stays failed; it points at the run made from it, which points back at its start.
    const base = await env.connection.workflowService.describeWorkflowExecution({
      namespace: env.namespace,
      execution: { workflowId, runId: baseRunId },
    });
    expect(base.workflowExecutionInfo?.status).toBe(
      temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
    );
    const current = await env.connection.workflowService.describeWorkflowExecution({
      namespace: env.namespace,
      execution: { workflowId },
    });
    const newRunId = current.workflowExecutionInfo?.execution?.runId;
    expect(newRunId).not.toBe(baseRunId);
    expect(base.workflowExtendedInfo?.resetRunId).toBe(newRunId);
    expect(current.workflowExecutionInfo?.firstRunId).toBe(baseRunId);
    expect(current.workflowExtendedInfo?.lastResetTime).toBeTruthy();
    expect(int64ToNumber(current.workflowExtendedInfo?.originalStartTime?.seconds)).toBe(
      int64ToNumber(base.workflowExecutionInfo?.startTime?.seconds),
    );
  });

  it('terminates the open current run in the same reset and reapplies what it received after the point', async () => {
    const taskQueue = env.taskQueue('reset-open');
    const workflowId = `reset-open-${randomUUID()}`;
    const { calls, activities } = countingActivities();
    calls.buggy = false;
    const handle = await env.client.workflow.start(resetTarget, { taskQueue, workflowId });
    const baseRunId = handle.firstExecutionRunId;
    await env.runWorker({ taskQueue, activities }, async () => {
      const point = await waitUntil('the activity result to be handled', async () =>
        pointAfterActivity(await historyOf(workflowId, baseRunId)),
      );
      await handle.signal(resetNoteSignal, 'while open');
      const { runId } = await reset({ workflowId, finishEventId: point, reason: 'reset while open' });

      const baseEvents = await historyOf(workflowId, baseRunId);
      expect(eventTypes(baseEvents).at(-1)).toBe('WorkflowExecutionTerminated');
      const terminated = onlyEventOfType(
        baseEvents,
        'WorkflowExecutionTerminated',
      ).workflowExecutionTerminatedEventAttributes!;
      expect(terminated.reason).toBe('reset while open');
      expect(terminated.identity).toBe('history-resetter');
      expect((await env.client.workflow.getHandle(workflowId, baseRunId).describe()).status.name).toBe(
        'TERMINATED',
      );
      expect((await env.client.workflow.getHandle(workflowId).describe()).runId).toBe(runId);

      const newHandle = env.client.workflow.getHandle(workflowId, runId);
      await newHandle.signal(resetReleaseSignal);
      expect(await newHandle.result()).toEqual({ quota: 42, notes: ['while open'] });
      const notes = (await historyOf(workflowId, runId)).filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'note',
      );
      expect(notes).toHaveLength(1);
    });
    expect(calls).toMatchObject({ fetches: 1, checks: 1 });
  });

  it('schedules again an activity still running at the reset point (the state is rebuilt from history)', async () => {
    const taskQueue = env.taskQueue('reset-pending');
    const workflowId = `reset-pending-${randomUUID()}`;
    const { calls, activities } = countingActivities();
    calls.buggy = false;
    const gate = deferred();
    const gated: ResetActivities = {
      ...activities,
      async fetchQuota() {
        const quota = await activities.fetchQuota();
        await gate.promise;
        return quota;
      },
    };
    const handle = await env.client.workflow.start(resetTarget, { taskQueue, workflowId });
    const baseRunId = handle.firstExecutionRunId;
    await env.runWorker({ taskQueue, activities: gated }, async () => {
      await waitUntil('the activity to start', () => calls.fetches === 1);
      await handle.signal(resetNoteSignal, 'during');
      // The task that handled the signal while the activity ran: the activity is pending there.
      const point = await waitUntil('the signal to be handled', async () => {
        const events = await historyOf(workflowId, baseRunId);
        const signaled = events.findIndex((event) => eventTypeName(event) === 'WorkflowExecutionSignaled');
        const completed = events
          .slice(Math.max(signaled, 0))
          .find((event) => eventTypeName(event) === 'WorkflowTaskCompleted');
        return signaled >= 0 && completed && eventId(completed);
      });
      const { runId } = await reset({
        workflowId,
        finishEventId: point,
        reason: 'retry the pending activity',
      });
      gate.resolve();
      const newHandle = env.client.workflow.getHandle(workflowId, runId);
      await newHandle.signal(resetReleaseSignal);
      expect(await newHandle.result()).toEqual({ quota: 42, notes: ['during'] });
      const events = await historyOf(workflowId, runId);
      // fetchQuota keeps its copied Scheduled event and is dispatched again, not scheduled anew.
      const scheduled = events.filter((event) => eventTypeName(event) === 'ActivityTaskScheduled');
      expect(
        scheduled.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name),
      ).toEqual(['fetchQuota', 'checkQuota']);
      expect(eventTypes(events).filter((type) => type === 'ActivityTaskCompleted')).toHaveLength(2);
    });
    expect(calls.fetches).toBe(2);
  });

  it('resets to a WorkflowTaskStarted point and answers a repeated request id with the same run', async () => {
    const taskQueue = env.taskQueue('reset-dedupe');
    const workflowId = `reset-dedupe-${randomUUID()}`;
    const { activities } = countingActivities();
    const handle = await env.client.workflow.start(resetTarget, { taskQueue, workflowId });
    const baseRunId = handle.firstExecutionRunId;
    await env.runWorker({ taskQueue, activities }, async () => {
      const point = await waitUntil('the activity result to be handled', async () =>
        pointAfterActivity(await historyOf(workflowId, baseRunId)),
      );
      const startedId = point - 1;
      const requestId = randomUUID();
      const first = await reset({ workflowId, runId: baseRunId, finishEventId: startedId, requestId });
      const again = await reset({ workflowId, runId: baseRunId, finishEventId: startedId, requestId });
      expect(again.runId).toBe(first.runId);
      const newHandle = env.client.workflow.getHandle(workflowId, first.runId);
      expect((await newHandle.describe()).status.name).toBe('RUNNING');

      const events = await historyOf(workflowId, first.runId);
      // Copied up to the task's Scheduled event; history starts the task itself, only to fail it.
      expect(eventTypeName(events[startedId - 2]!)).toBe('WorkflowTaskScheduled');
      const started = events[startedId - 1]!;
      expect(eventTypeName(started)).toBe('WorkflowTaskStarted');
      expect(started.workflowTaskStartedEventAttributes?.identity).toBe('history-service');
      expect(events[startedId]!.workflowTaskFailedEventAttributes?.cause).toBe(RESET_WORKFLOW);
      await newHandle.terminate('test done');
    });
  });

  it('refuses a point that is not a workflow task event with INVALID_ARGUMENT naming the field', async () => {
    const taskQueue = env.taskQueue('reset-bad-point');
    const workflowId = `reset-bad-point-${randomUUID()}`;
    const { activities } = countingActivities();
    const handle = await env.client.workflow.start(resetTarget, { taskQueue, workflowId });
    await env.runWorker({ taskQueue, activities }, async () => {
      await waitUntil('the activity result to be handled', async () =>
        pointAfterActivity(await historyOf(workflowId, handle.firstExecutionRunId)),
      );
    });
    const events = await historyOf(workflowId, handle.firstExecutionRunId);
    const scheduled = eventId(onlyEventOfType(events, 'ActivityTaskScheduled'));
    for (const finishEventId of [1, scheduled, events.length + 5]) {
      const error = await grpcError(reset({ workflowId, finishEventId }));
      expect(error.code, `event id ${finishEventId}`).toBe(INVALID_ARGUMENT);
      expect(error.details).toMatch(/workflow_?task_?finish_?event_?id/i);
    }
    // Nothing was reset: the run is still the current one, still open.
    const description = await env.client.workflow.getHandle(workflowId).describe();
    expect(description.runId).toBe(handle.firstExecutionRunId);
    expect(description.status.name).toBe('RUNNING');
    await handle.terminate('test done');
  });

  it('answers an unknown workflow with NOT_FOUND', async () => {
    const workflowId = `reset-never-started-${randomUUID()}`;
    const error = await grpcError(reset({ workflowId, finishEventId: 4 }));
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toContain(workflowId);
  });
});

describe('ResetWorkflowExecution authorization', () => {
  let server: AuthApiUnderTest;
  let accountId: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('reset_auth');
    accountId = await server.tenants.account('Resetters');
    await server.tenants.namespace(accountId, 'reset-prod');
    await server.tenants.namespace(accountId, 'reset-staging');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const request = (namespace: string) => ({
    namespace,
    workflowExecution: { workflowId: 'any-workflow' },
    reason: 'not allowed',
    workflowTaskFinishEventId: int64(4),
    requestId: randomUUID(),
  });

  it('refuses a read_only key with PERMISSION_DENIED naming the rpc', async () => {
    const { key } = await server.tenants.key({ accountId, role: 'read_only' });
    const error = await grpcError(
      server.connect(key).workflowService.resetWorkflowExecution(request('reset-prod')),
    );
    expect(error.code).toBe(PERMISSION_DENIED);
    expect(error.details).toBe(
      'Request unauthorized: the read_only role may not call WorkflowService/ResetWorkflowExecution.',
    );
  });

  it('refuses a key scoped to another namespace with PERMISSION_DENIED', async () => {
    const staging = await server.prisma.namespace.findUniqueOrThrow({ where: { name: 'reset-staging' } });
    const { key } = await server.tenants.key({ accountId, role: 'developer', namespaceIds: [staging.id] });
    const error = await grpcError(
      server.connect(key).workflowService.resetWorkflowExecution(request('reset-prod')),
    );
    expect(error.code).toBe(PERMISSION_DENIED);
    expect(error.details).toBe('Request unauthorized: this API key may not use namespace reset-prod.');
  });
});
