import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';
import { int64, temporal } from '@kairos/proto';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { dispatchScheduledActivity } from '../transitions/activity.ts';
import { scheduleWorkflowTask } from '../transitions/workflow-task.ts';
import { rebuildState } from './rebuild-state.ts';
import { FINISH_EVENT_FIELD } from './reset-point.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** Identity Temporal's history service records on the events it writes itself. */
export const HISTORY_SERVICE_IDENTITY = 'history-service';

export interface ResetRunInput {
  /** The run being reset (ids, parent links and original start carry over). */
  base: MutableState;
  /** The base run's events before the reset point (ids 1..point-1). */
  copiedEvents: readonly IHistoryEvent[];
  /** Events after the point, in the base run and the runs it continued into, that the new run gets again. */
  reapplied: readonly IHistoryEvent[];
  newRunId: string;
  requestId: string;
  reason: string;
  now: number;
}

/**
 * The first write of a reset run, as Temporal's workflow resetter builds it: the copied history with
 * the state it rebuilds to, the workflow task in flight at the point failed with RESET_WORKFLOW (its
 * failure carrying the reason, its attributes the base and new run ids), the reapplied signals, and a
 * new workflow task on the normal queue. Activities and timers pending at the point are armed again;
 * the run and execution timeouts restart as for any new run of the chain.
 */
export function resetRun(input: ResetRunInput): ExecutionMutation {
  const { base, now } = input;
  const rebuilt = rebuildState(input.copiedEvents, {
    namespaceId: base.namespaceId,
    workflowId: base.workflowId,
    runId: input.newRunId,
    requestId: input.requestId,
    now,
  });
  rebuilt.parent = base.parent;
  rebuilt.root = base.root;
  rebuilt.originalStartTimeMs = base.originalStartTimeMs ?? base.startTimeMs;
  rebuilt.lastResetTimeMs = now;
  // A client retrying a signal it sent the base run must not have it applied twice: it is in the
  // copied history or among the reapplied signals already.
  rebuilt.appliedRequestIds = [...base.appliedRequestIds];
  const mutation = new ExecutionMutation(rebuilt, now);
  // The copied events keep their ids, times and attributes; persistence writes them under the new run.
  mutation.events.push(...input.copiedEvents);
  failTaskAtResetPoint(mutation, input);
  for (const event of input.reapplied) {
    const signaled = event.workflowExecutionSignaledEventAttributes ?? {};
    mutation.append('workflowExecutionSignaled', {
      signalName: signaled.signalName ?? '',
      input: signaled.input ?? null,
      identity: signaled.identity ?? '',
      header: signaled.header ?? null,
    });
  }
  rearmPendingWork(mutation);
  armRunTimeouts(mutation);
  scheduleWorkflowTask(mutation);
  return mutation;
}

function failTaskAtResetPoint(mutation: ExecutionMutation, input: ResetRunInput): void {
  const state = mutation.state;
  const task = state.workflowTask;
  const lastCopiedId = input.copiedEvents.length;
  if (!task || (task.scheduledEventId !== lastCopiedId && task.startedEventId !== lastCopiedId)) {
    throw InvalidArgument.forField(
      FINISH_EVENT_FIELD,
      `can only reset to an event in [WorkflowTaskScheduled + 1, WorkflowTaskStarted + 1]: ${lastCopiedId + 1}`,
    );
  }
  if (task.startedEventId === undefined) {
    // The point names the task's Started event: it is started here, by history, only to be failed.
    task.startedEventId = state.nextEventId;
    mutation.append('workflowTaskStarted', {
      scheduledEventId: int64(task.scheduledEventId),
      identity: HISTORY_SERVICE_IDENTITY,
      requestId: randomUUID(),
      historySizeBytes: int64(state.historySizeBytes),
    });
  }
  mutation.append('workflowTaskFailed', {
    scheduledEventId: int64(task.scheduledEventId),
    startedEventId: int64(task.startedEventId),
    cause: WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
    failure: { message: input.reason, resetWorkflowFailureInfo: {} },
    identity: HISTORY_SERVICE_IDENTITY,
    baseRunId: input.base.runId,
    newRunId: input.newRunId,
  });
  state.workflowTask = undefined;
}

/**
 * Activities pending at the point are scheduled again from now (their attempt in the base run is
 * gone with it, as in Temporal); timers fire when they were due, at once if that has passed.
 */
function rearmPendingWork(mutation: ExecutionMutation): void {
  const state = mutation.state;
  for (const activity of Object.values(state.activities)) {
    activity.scheduledTimeMs = mutation.now;
    activity.currentAttemptScheduledTimeMs = mutation.now;
    dispatchScheduledActivity(mutation, activity);
  }
  for (const timer of Object.values(state.timers)) {
    mutation.addTimer(timer.fireAtMs, {
      type: 'user-timer',
      timerId: timer.timerId,
      startedEventId: timer.startedEventId,
    });
  }
}

/** As start-run.ts: the run timeout from now (unless the chain's expiration comes first). */
function armRunTimeouts(mutation: ExecutionMutation): void {
  const { runTimeoutMs, executionExpirationTimeMs } = mutation.state;
  const now = mutation.now;
  if (
    runTimeoutMs !== undefined &&
    (executionExpirationTimeMs === undefined || now + runTimeoutMs < executionExpirationTimeMs)
  ) {
    mutation.addTimer(now + runTimeoutMs, { type: 'workflow-run-timeout' });
  }
  if (executionExpirationTimeMs !== undefined) {
    mutation.addTimer(executionExpirationTimeMs, { type: 'workflow-execution-timeout' });
  }
}
