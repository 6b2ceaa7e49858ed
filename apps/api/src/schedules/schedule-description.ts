// DescribeSchedule's and ListSchedules' view of a schedule, in Temporal's shapes.
import type { HistoryClient, NamespaceRef } from '@kairos/history/client';
import { int64, int64ToNumber, msToTimestamp, temporal } from '@kairos/proto';
import { runStatus } from './schedule-step.ts';
import { encodeConflictToken, type ScheduleRecord } from './schedule-record.ts';
import { jitterSeed } from './schedule-timing.ts';
import { nextMatchingTime } from './spec/next-matching-time.ts';
import { scheduleSpecMatcher } from './spec/schedule-spec.ts';

const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

/** The next `count` action times (paused or not, as Temporal lists them), within the remaining actions. */
export function futureActionTimes(record: ScheduleRecord, count: number): number[] {
  const state = record.schedule.state;
  const limit = state?.limitedActions ? Math.min(count, int64ToNumber(state.remainingActions)) : count;
  const matcher = scheduleSpecMatcher(record.schedule.spec ?? {});
  const times: number[] = [];
  let after = record.lastProcessedMs;
  while (times.length < limit) {
    const next = nextMatchingTime(matcher, after, jitterSeed(record));
    if (!next) break;
    times.push(next.actualMs);
    after = next.nominalMs;
  }
  return times;
}

export async function describeScheduleResponse(
  record: ScheduleRecord,
  history: HistoryClient,
  namespace: NamespaceRef,
): Promise<temporal.api.workflowservice.v1.IDescribeScheduleResponse> {
  const book = record.bookkeeping;
  // Whether the runs still run is history's to say; ask for the few this schedule tracks.
  const statuses = new Map<string, temporal.api.enums.v1.WorkflowExecutionStatus | undefined>();
  const tracked = new Map([...book.running, ...book.recentActions].map((run) => [run.runId, run]));
  for (const run of tracked.values()) statuses.set(run.runId, await runStatus(history, namespace, run));
  const running = new Set(
    [...statuses]
      .filter(([, status]) => status === Status.WORKFLOW_EXECUTION_STATUS_RUNNING)
      .map(([runId]) => runId),
  );
  return {
    schedule: record.schedule,
    info: {
      actionCount: int64(book.actionCount),
      missedCatchupWindow: int64(book.missedCatchupWindow),
      overlapSkipped: int64(book.overlapSkipped),
      bufferDropped: int64(book.bufferDropped),
      bufferSize: int64(book.buffered.length),
      runningWorkflows: book.running
        .filter((run) => running.has(run.runId))
        .map(({ workflowId, runId }) => ({ workflowId, runId })),
      recentActions: recentActions(record, (runId) => statuses.get(runId)),
      futureActionTimes: futureActionTimes(record, 10).map(msToTimestamp),
      createTime: msToTimestamp(record.createdMs),
      updateTime: record.updatedMs === undefined ? null : msToTimestamp(record.updatedMs),
    },
    memo: record.memo,
    searchAttributes: record.searchAttributes,
    conflictToken: encodeConflictToken(record.conflictToken),
  };
}

export function scheduleListEntry(record: ScheduleRecord): temporal.api.schedule.v1.IScheduleListEntry {
  const running = new Set(record.bookkeeping.running.map((run) => run.runId));
  return {
    scheduleId: record.scheduleId,
    memo: record.memo,
    searchAttributes: record.searchAttributes,
    info: {
      spec: record.schedule.spec,
      workflowType: record.schedule.action?.startWorkflow?.workflowType,
      notes: record.schedule.state?.notes ?? '',
      paused: record.schedule.state?.paused === true,
      recentActions: recentActions(record, (runId) =>
        running.has(runId) ? Status.WORKFLOW_EXECUTION_STATUS_RUNNING : undefined,
      ),
      futureActionTimes: futureActionTimes(record, 5).map(msToTimestamp),
    },
  };
}

function recentActions(
  record: ScheduleRecord,
  statusOf: (runId: string) => temporal.api.enums.v1.WorkflowExecutionStatus | undefined,
): temporal.api.schedule.v1.IScheduleActionResult[] {
  return record.bookkeeping.recentActions.map((action) => ({
    scheduleTime: msToTimestamp(action.scheduleMs),
    actualTime: msToTimestamp(action.actualMs),
    startWorkflowResult: { workflowId: action.workflowId, runId: action.runId },
    startWorkflowStatus: statusOf(action.runId) ?? Status.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED,
  }));
}
