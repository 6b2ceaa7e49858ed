// The scheduler step against a fake history and a fixed clock: catch-up, overlap policies, pause,
// limited actions, and the determinism that makes a step retried after a crash harmless.
import type { HistoryClient } from '@kairos/history/client';
import { int64, msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { applySchedulePatch } from './apply-schedule-patch.ts';
import { compileSchedule } from './compile-schedule.ts';
import { emptyBookkeeping, Overlap, type OverlapPolicy, type ScheduleRecord } from './schedule-record.ts';
import { runScheduleStep } from './schedule-step.ts';

const Status = temporal.api.enums.v1.WorkflowExecutionStatus;
const minute = 60_000;
const t0 = Date.parse('2030-01-01T00:00:00Z');

/** History as far as the scheduler uses it: starts, describes, cancels and terminates, recorded. */
function fakeHistory() {
  const runs = new Map<string, { workflowId: string; requestId: string; status: number }>();
  const calls: string[] = [];
  let next = 0;
  const client = {
    async startWorkflowExecution(
      _namespace: unknown,
      request: temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
    ) {
      const existing = [...runs].find(([, run]) => run.requestId === request.requestId);
      if (existing) return { runId: existing[0], started: true };
      const runId = `run-${++next}`;
      runs.set(runId, {
        workflowId: request.workflowId ?? '',
        requestId: request.requestId ?? '',
        status: Status.WORKFLOW_EXECUTION_STATUS_RUNNING,
      });
      calls.push(`start ${request.workflowId}`);
      return { runId, started: true };
    },
    async describeWorkflowExecution(
      _namespace: unknown,
      request: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionRequest,
    ) {
      const run = runs.get(request.execution?.runId ?? '');
      return { workflowExecutionInfo: { status: run?.status } };
    },
    async requestCancelWorkflowExecution(
      _namespace: unknown,
      request: temporal.api.workflowservice.v1.IRequestCancelWorkflowExecutionRequest,
    ) {
      calls.push(`cancel ${request.workflowExecution?.workflowId}`);
    },
    async terminateWorkflowExecution(
      _namespace: unknown,
      request: temporal.api.workflowservice.v1.ITerminateWorkflowExecutionRequest,
    ) {
      const run = runs.get(request.workflowExecution?.runId ?? '');
      if (run) run.status = Status.WORKFLOW_EXECUTION_STATUS_TERMINATED;
      calls.push(`terminate ${request.workflowExecution?.workflowId}`);
    },
  };
  return {
    history: client as unknown as HistoryClient,
    calls,
    closeAll: () => runs.forEach((run) => (run.status = Status.WORKFLOW_EXECUTION_STATUS_COMPLETED)),
  };
}

function record(
  options: { overlap?: OverlapPolicy; catchupMs?: number; paused?: boolean; remaining?: number } = {},
): ScheduleRecord {
  return {
    namespaceId: '00000000-0000-0000-0000-000000000001',
    namespaceName: 'default',
    scheduleId: 'every-10-minutes',
    schedule: compileSchedule({
      spec: { interval: [{ interval: msToDuration(10 * minute) }] },
      action: {
        startWorkflow: { workflowId: 'job', workflowType: { name: 'job' }, taskQueue: { name: 'q' } },
      },
      policies: {
        overlapPolicy: options.overlap,
        catchupWindow: options.catchupMs ? msToDuration(options.catchupMs) : null,
      },
      state: {
        paused: options.paused,
        limitedActions: options.remaining !== undefined,
        remainingActions: int64(options.remaining ?? 0),
      },
    }),
    memo: undefined,
    searchAttributes: undefined,
    bookkeeping: emptyBookkeeping(),
    lastProcessedMs: t0 - 1,
    nextActionMs: t0,
    conflictToken: 1n,
    createRequestId: 'create',
    createdMs: t0 - 1,
    updatedMs: undefined,
  };
}

const logger = createLogger({ service: 'schedule-step-test', level: 'silent' });
const step = (r: ScheduleRecord, history: HistoryClient, nowMs: number) =>
  runScheduleStep(r, { history, logger, now: () => nowMs });

describe('runScheduleStep', () => {
  it('takes each due time once, names the run after it, and says when to look next', async () => {
    const fake = fakeHistory();
    const after = await step(record(), fake.history, t0 + 200);
    expect(fake.calls).toEqual(['start job-2030-01-01T00:00:00Z']);
    expect(after.bookkeeping.recentActions).toEqual([
      { workflowId: 'job-2030-01-01T00:00:00Z', runId: 'run-1', scheduleMs: t0, actualMs: t0 + 200 },
    ]);
    expect(after.lastProcessedMs).toBe(t0);
    expect(after.nextActionMs).toBe(t0 + 10 * minute);
  });

  it('catches up after downtime within the catch-up window and counts older times as missed', async () => {
    const fake = fakeHistory();
    const after = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL, catchupMs: 25 * minute }),
      fake.history,
      t0 + 60 * minute,
    );
    // Due: 0, 10, ..., 60 minutes; older than 25 minutes: 0, 10, 20, 30.
    expect(after.bookkeeping.missedCatchupWindow).toBe(4);
    expect(fake.calls).toEqual([
      'start job-2030-01-01T00:40:00Z',
      'start job-2030-01-01T00:50:00Z',
      'start job-2030-01-01T01:00:00Z',
    ]);
  });

  it('starts the same workflow with the same request id when a step is retried after a crash', async () => {
    const fake = fakeHistory();
    const first = await step(record(), fake.history, t0 + 5);
    const retried = await step(record(), fake.history, t0 + 50); // the first step's commit was lost
    expect(retried.bookkeeping.recentActions[0]?.runId).toBe(first.bookkeeping.recentActions[0]?.runId);
    expect(fake.calls).toHaveLength(1);
  });

  it('SKIP: skips a time while the last run is open', async () => {
    const fake = fakeHistory();
    const once = await step(record(), fake.history, t0);
    const twice = await step(once, fake.history, t0 + 10 * minute);
    expect(twice.bookkeeping.overlapSkipped).toBe(1);
    expect(twice.bookkeeping.actionCount).toBe(1);
    expect(twice.bookkeeping.buffered).toEqual([]);
  });

  it('BUFFER_ONE: keeps one start for when the run closes and skips the rest', async () => {
    const fake = fakeHistory();
    let current = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE }),
      fake.history,
      t0,
    );
    current = await step(current, fake.history, t0 + 20 * minute);
    expect(current.bookkeeping.buffered.map((start) => start.nominalMs)).toEqual([t0 + 10 * minute]);
    expect(current.bookkeeping.overlapSkipped).toBe(1);
    expect(current.nextActionMs).toBe(t0 + 20 * minute + 1000); // checks on the running one
    fake.closeAll();
    current = await step(current, fake.history, t0 + 20 * minute + 1000);
    expect(fake.calls.at(-1)).toBe('start job-2030-01-01T00:10:00Z');
    expect(current.bookkeeping.buffered).toEqual([]);
  });

  it('BUFFER_ALL: keeps every start and runs them one after another', async () => {
    const fake = fakeHistory();
    let current = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL }),
      fake.history,
      t0 + 20 * minute,
    );
    expect(current.bookkeeping.actionCount).toBe(1);
    expect(current.bookkeeping.buffered).toHaveLength(2);
    fake.closeAll();
    current = await step(current, fake.history, t0 + 21 * minute);
    expect(current.bookkeeping.actionCount).toBe(2);
    expect(current.bookkeeping.buffered).toHaveLength(1);
  });

  it('TERMINATE_OTHER terminates the open run and starts; CANCEL_OTHER asks it to cancel and waits', async () => {
    const terminating = fakeHistory();
    let current = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER }),
      terminating.history,
      t0,
    );
    current = await step(current, terminating.history, t0 + 10 * minute);
    expect(terminating.calls).toEqual([
      'start job-2030-01-01T00:00:00Z',
      'terminate job-2030-01-01T00:00:00Z',
      'start job-2030-01-01T00:10:00Z',
    ]);
    const cancelling = fakeHistory();
    current = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER }),
      cancelling.history,
      t0,
    );
    current = await step(current, cancelling.history, t0 + 10 * minute);
    expect(cancelling.calls).toEqual(['start job-2030-01-01T00:00:00Z', 'cancel job-2030-01-01T00:00:00Z']);
    expect(current.bookkeeping.buffered).toHaveLength(1);
  });

  it('paused: lets spec times pass, but takes triggers and backfills', async () => {
    const fake = fakeHistory();
    const paused = record({ paused: true });
    let current = await step(paused, fake.history, t0 + 30 * minute);
    expect(fake.calls).toEqual([]);
    expect(current.lastProcessedMs).toBe(t0 + 30 * minute);
    expect(current.nextActionMs).toBeUndefined();
    current = applySchedulePatch(
      current,
      {
        triggerImmediately: { overlapPolicy: Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL },
        backfillRequest: [
          {
            startTime: msToTimestamp(t0 - 20 * minute),
            endTime: msToTimestamp(t0 - 10 * minute),
            overlapPolicy: Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL,
          },
        ],
      },
      t0 + 31 * minute,
    );
    current = await step(current, fake.history, t0 + 31 * minute);
    expect(fake.calls).toEqual([
      'start job-2030-01-01T00:31:00Z',
      'start job-2029-12-31T23:40:00Z',
      'start job-2029-12-31T23:50:00Z',
    ]);
  });

  it('stops when the remaining actions are used up; triggers do not use them', async () => {
    const fake = fakeHistory();
    let current = await step(
      record({ overlap: Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL, remaining: 2 }),
      fake.history,
      t0 + 30 * minute,
    );
    expect(current.bookkeeping.actionCount).toBe(2);
    expect(Number(current.schedule.state?.remainingActions)).toBe(0);
    expect(current.nextActionMs).toBeUndefined();
    current = applySchedulePatch(current, { triggerImmediately: {} }, t0 + 31 * minute);
    current = await step(current, fake.history, t0 + 31 * minute);
    expect(current.bookkeeping.actionCount).toBe(3);
  });
});
