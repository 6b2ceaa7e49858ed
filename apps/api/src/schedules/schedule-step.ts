// One step of a schedule, run by the scheduler loop under the schedule's row lock: collect the spec
// times that came due (skipping those outside the catch-up window), then start, skip, buffer, cancel
// or terminate as the overlap policy says. Temporal's scheduler workflow does the same in its loop.
import { isDomainError } from '@kairos/errors';
import type { HistoryClient, NamespaceRef } from '@kairos/history/client';
import { int64, int64ToNumber, temporal } from '@kairos/proto';
import type { Logger } from '@kairos/telemetry';
import { scheduledStartRequest, schedulerIdentity } from './scheduled-start.ts';
import {
  Overlap,
  scheduleLimits,
  type BufferedStart,
  type ScheduleBookkeeping,
  type ScheduleRecord,
} from './schedule-record.ts';
import { catchupWindowMs, hasActionsLeft, nextActionMs, nextSpecTime } from './schedule-timing.ts';

/** Spec times handled in one step; more (a long outage of a per-second schedule) continue next step. */
const maxSpecTimesPerStep = 10_000;

type Execution = { workflowId: string; runId: string };

export interface ScheduleStepContext {
  history: HistoryClient;
  logger: Logger;
  now(): number;
}

export async function runScheduleStep(
  record: ScheduleRecord,
  context: ScheduleStepContext,
): Promise<ScheduleRecord> {
  const nowMs = context.now();
  const namespace: NamespaceRef = { id: record.namespaceId, name: record.namespaceName };
  const book: ScheduleBookkeeping = structuredClone(record.bookkeeping);
  let current: ScheduleRecord = { ...record, bookkeeping: book };

  // 1. Spec times now due. Paused: they pass unused (Temporal does not catch them up on unpause).
  let lastProcessedMs = record.lastProcessedMs;
  let more = false;
  if (record.schedule.state?.paused) {
    lastProcessedMs = Math.max(lastProcessedMs, nowMs);
  } else {
    const policy = record.schedule.policies?.overlapPolicy ?? Overlap.SCHEDULE_OVERLAP_POLICY_SKIP;
    for (let count = 0; ; count++) {
      if (count >= maxSpecTimesPerStep) {
        more = true;
        break;
      }
      const time = nextSpecTime(current, lastProcessedMs);
      if (!time || time.actualMs > nowMs) break;
      lastProcessedMs = time.nominalMs;
      if (nowMs - time.actualMs > catchupWindowMs(record)) book.missedCatchupWindow++;
      else addBuffered(book, { ...time, overlap: policy, manual: false });
    }
  }
  current = { ...current, lastProcessedMs };

  // 2. The buffer, in time order, against what is still running.
  if (book.buffered.length > 0) book.running = await stillRunning(context, namespace, book.running);
  const due = book.buffered
    .filter((start) => start.actualMs <= nowMs)
    .sort((a, b) => a.actualMs - b.actualMs);
  const waiting: BufferedStart[] = book.buffered.filter((start) => start.actualMs > nowMs);
  for (const start of due) {
    if (!start.manual && !hasActionsLeft(current)) continue;
    const overlap = start.overlap;
    if (book.running.length === 0 || overlap === Overlap.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL) {
      current = await take(current, start, context, namespace);
      continue;
    }
    switch (overlap) {
      case Overlap.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE:
        if (waiting.some((other) => other.actualMs <= nowMs)) book.overlapSkipped++;
        else waiting.push(start);
        break;
      case Overlap.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL:
        waiting.push(start);
        break;
      case Overlap.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER: {
        // The newest start waits for the cancelled runs to close; older waiting ones are dropped.
        for (const run of book.running) await cancelRun(context, namespace, record, run);
        const dropped = waiting.filter((other) => other.actualMs <= nowMs);
        book.overlapSkipped += dropped.length;
        waiting.splice(0, waiting.length, ...waiting.filter((other) => other.actualMs > nowMs), start);
        break;
      }
      case Overlap.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER:
        for (const run of book.running) await terminateRun(context, namespace, record, run);
        book.running = [];
        current = await take(current, start, context, namespace);
        break;
      default:
        book.overlapSkipped++;
    }
  }
  book.buffered = waiting;
  const waitingOnRunning = waiting.some((start) => start.actualMs <= nowMs);
  return {
    ...current,
    bookkeeping: book,
    nextActionMs: more ? nowMs : nextActionMs(current, nowMs, waitingOnRunning),
  };
}

function addBuffered(book: ScheduleBookkeeping, start: BufferedStart): void {
  if (book.buffered.length >= scheduleLimits.bufferedStarts) book.bufferDropped++;
  else book.buffered.push(start);
}

async function take(
  record: ScheduleRecord,
  start: BufferedStart,
  context: ScheduleStepContext,
  namespace: NamespaceRef,
): Promise<ScheduleRecord> {
  const request = scheduledStartRequest(record, start);
  let runId: string;
  try {
    runId = (await context.history.startWorkflowExecution(namespace, request)).runId ?? '';
  } catch (error) {
    // Refusals that a retry would meet again (a workflow id taken by someone else's run, a bad action)
    // cost this action only; anything else rolls the step back and the loop tries again.
    if (!isDomainError(error) || ['UNAVAILABLE', 'INTERNAL', 'RESOURCE_EXHAUSTED'].includes(error.code))
      throw error;
    context.logger.warn(
      { err: error, schedule: record.scheduleId, workflowId: request.workflowId },
      'scheduled workflow start refused; action skipped',
    );
    return record;
  }
  const book = record.bookkeeping;
  const execution = { workflowId: request.workflowId ?? '', runId };
  book.actionCount++;
  book.recentActions = [
    ...book.recentActions,
    { ...execution, scheduleMs: start.nominalMs, actualMs: context.now() },
  ].slice(-scheduleLimits.recentActions);
  book.running = [...book.running, execution].slice(-scheduleLimits.runningWorkflows);
  const state = record.schedule.state;
  if (start.manual || !state?.limitedActions) return record;
  const remaining = Math.max(0, int64ToNumber(state.remainingActions) - 1);
  return {
    ...record,
    schedule: { ...record.schedule, state: { ...state, remainingActions: int64(remaining) } },
  };
}

async function stillRunning(
  context: ScheduleStepContext,
  namespace: NamespaceRef,
  runs: Execution[],
): Promise<Execution[]> {
  const running: Execution[] = [];
  for (const run of runs) if (await isRunning(context.history, namespace, run)) running.push(run);
  return running;
}

export async function isRunning(
  history: HistoryClient,
  namespace: NamespaceRef,
  run: Execution,
): Promise<boolean> {
  return (
    (await runStatus(history, namespace, run)) ===
    temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
  );
}

/** The run's status; undefined when history no longer has it (retention deleted it). */
export async function runStatus(
  history: HistoryClient,
  namespace: NamespaceRef,
  run: Execution,
): Promise<temporal.api.enums.v1.WorkflowExecutionStatus | undefined> {
  try {
    const described = await history.describeWorkflowExecution(namespace, {
      namespace: namespace.name,
      execution: run,
    });
    return described.workflowExecutionInfo?.status ?? undefined;
  } catch (error) {
    if (isDomainError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

async function cancelRun(
  context: ScheduleStepContext,
  namespace: NamespaceRef,
  record: ScheduleRecord,
  run: Execution,
): Promise<void> {
  await ignoreClosed(
    context.history.requestCancelWorkflowExecution(namespace, {
      namespace: namespace.name,
      workflowExecution: run,
      identity: schedulerIdentity(record),
      requestId: `schedule-cancel-${run.runId}`,
      reason: 'cancelled by schedule overlap policy CANCEL_OTHER',
    }),
  );
}

async function terminateRun(
  context: ScheduleStepContext,
  namespace: NamespaceRef,
  record: ScheduleRecord,
  run: Execution,
): Promise<void> {
  await ignoreClosed(
    context.history.terminateWorkflowExecution(namespace, {
      namespace: namespace.name,
      workflowExecution: run,
      identity: schedulerIdentity(record),
      reason: 'terminated by schedule overlap policy TERMINATE_OTHER',
    }),
  );
}

/** The run closed meanwhile: nothing to stop. */
async function ignoreClosed(call: Promise<void>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isDomainError(error) || !['NOT_FOUND', 'FAILED_PRECONDITION'].includes(error.code)) throw error;
  }
}
