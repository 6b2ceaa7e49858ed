import { temporal, int64 } from '@kairos/proto';
import { scheduledAttributes, type ExecutionMutation } from '../state/execution-mutation.ts';
import type { WorkflowTaskInfo } from '../state/mutable-state.ts';

const { TimeoutType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

/**
 * Workflow task transitions: schedule (on the sticky queue when the worker asked for one), start,
 * fail and time out. Completion lives in api/respond-workflow-task-completed.ts with the commands.
 */
export function scheduleWorkflowTask(
  mutation: ExecutionMutation,
  attempt = 1,
  options: { speculative?: boolean } = {},
): WorkflowTaskInfo {
  const state = mutation.state;
  const sticky = state.sticky;
  const speculative = options.speculative === true && attempt === 1;
  const task: WorkflowTaskInfo = {
    scheduledEventId: state.nextEventId,
    attempt,
    transient: attempt > 1 || speculative,
    ...(speculative ? { speculative } : {}),
    scheduledTimeMs: mutation.now,
    taskQueue: sticky?.taskQueue ?? state.taskQueue,
    taskQueueKind: sticky ? 'sticky' : 'normal',
    startToCloseTimeoutMs: state.workflowTaskTimeoutMs,
  };
  state.workflowTask = task;
  if (task.transient) mutation.touch();
  else mutation.append('workflowTaskScheduled', scheduledAttributes(task, state.taskQueue));
  dispatchWorkflowTask(mutation, task);
  return task;
}

/** Publishes the task to matching (again, e.g. when it moves off a dead sticky queue). */
export function dispatchWorkflowTask(mutation: ExecutionMutation, task: WorkflowTaskInfo): void {
  const state = mutation.state;
  mutation.dispatch({
    kind: 'workflow',
    namespaceId: state.namespaceId,
    workflowId: state.workflowId,
    runId: state.runId,
    taskQueue: task.taskQueue,
    taskQueueKind: task.taskQueueKind,
    normalTaskQueue: state.taskQueue,
    scheduledEventId: task.scheduledEventId,
    attempt: task.attempt,
    scheduledAtMs: mutation.now,
  });
  if (task.taskQueueKind === 'sticky' && state.sticky) {
    mutation.addTimer(mutation.now + state.sticky.scheduleToStartTimeoutMs, {
      type: 'workflow-task-timeout',
      timeoutType: 'sticky-schedule-to-start',
      scheduledEventId: task.scheduledEventId,
      attempt: task.attempt,
    });
  }
}

/** Schedules a workflow task unless one is pending, the run is closed, or a start delay holds it back. */
export function ensureWorkflowTask(mutation: ExecutionMutation): void {
  const state = mutation.state;
  if (state.status !== 'running' || state.workflowTask || state.firstWorkflowTaskBackoff) return;
  if (mutation.workflowTaskDeferred) {
    mutation.workflowTaskWanted = true;
    return;
  }
  scheduleWorkflowTask(mutation);
}

export function startWorkflowTask(
  mutation: ExecutionMutation,
  task: WorkflowTaskInfo,
  poller: { identity: string; pollRequestId: string; taskQueueKind: 'normal' | 'sticky' },
): void {
  const state = mutation.state;
  // Polled from the normal queue while meant for a sticky one: the sticky worker is gone.
  if (poller.taskQueueKind === 'normal') state.sticky = undefined;
  task.startedTimeMs = mutation.now;
  task.startedRequestId = poller.pollRequestId;
  task.identity = poller.identity;
  if (task.transient) {
    task.startedEventId = task.scheduledEventId + 1;
    mutation.touch();
  } else {
    task.startedEventId = state.nextEventId;
    mutation.append('workflowTaskStarted', {
      scheduledEventId: int64(task.scheduledEventId),
      identity: poller.identity,
      requestId: poller.pollRequestId,
      historySizeBytes: int64(state.historySizeBytes),
    });
  }
  mutation.addTimer(mutation.now + task.startToCloseTimeoutMs, {
    type: 'workflow-task-timeout',
    timeoutType: 'start-to-close',
    scheduledEventId: task.scheduledEventId,
    attempt: task.attempt,
  });
}

/** The transient Scheduled/Started events of a retried task, which the poller sees but history lacks. */
export function transientEvents(
  mutation: ExecutionMutation,
  task: WorkflowTaskInfo,
): temporal.api.history.v1.IHistoryEvent[] {
  if (!task.transient || task.startedEventId === undefined) return [];
  const scheduled = mutation.event(
    'workflowTaskScheduled',
    scheduledAttributes(task, mutation.state.taskQueue),
  );
  const started = mutation.event('workflowTaskStarted', {
    scheduledEventId: int64(task.scheduledEventId),
    identity: task.identity ?? '',
    requestId: task.startedRequestId ?? '',
    historySizeBytes: int64(mutation.state.historySizeBytes),
  });
  return [
    { ...scheduled, eventId: int64(task.scheduledEventId), taskId: int64(task.scheduledEventId) },
    { ...started, eventId: int64(task.startedEventId), taskId: int64(task.startedEventId) },
  ];
}

/** Writes the transient task's events for real, before its outcome is recorded. */
export function materializeTransientTask(mutation: ExecutionMutation, task: WorkflowTaskInfo): void {
  if (!task.transient) return;
  for (const event of transientEvents(mutation, task)) mutation.appendBuilt(event);
  task.transient = false;
}

/**
 * A started task failed (the worker said so, or it timed out): record it (first attempt only: retries
 * stay transient), drop stickiness, flush what arrived meanwhile and schedule the next attempt.
 */
export function failWorkflowTask(
  mutation: ExecutionMutation,
  outcome:
    | {
        kind: 'failed';
        cause: temporal.api.enums.v1.WorkflowTaskFailedCause;
        failure?: temporal.api.failure.v1.IFailure | null;
        identity: string;
      }
    | { kind: 'timed-out' },
): void {
  const state = mutation.state;
  const task = state.workflowTask;
  if (!task) return;
  // A failing speculative task is written like a normal one: the failure must show in history.
  if (task.speculative) materializeTransientTask(mutation, task);
  if (!task.transient) {
    if (outcome.kind === 'failed') {
      mutation.append('workflowTaskFailed', {
        scheduledEventId: int64(task.scheduledEventId),
        startedEventId: int64(task.startedEventId ?? 0),
        cause: outcome.cause,
        failure: outcome.failure ?? null,
        identity: outcome.identity,
      });
    } else {
      mutation.append('workflowTaskTimedOut', {
        scheduledEventId: int64(task.scheduledEventId),
        startedEventId: int64(task.startedEventId ?? 0),
        timeoutType: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
      });
    }
  } else {
    mutation.touch();
  }
  state.workflowTask = undefined;
  state.sticky = undefined;
  mutation.flushBufferedEvents();
  if (state.status === 'running') scheduleWorkflowTask(mutation, task.attempt + 1);
}

/** Before a forced close (terminate, timeout): an in-flight task is failed so the history stays well-formed. */
export function failInFlightTaskForClose(mutation: ExecutionMutation): void {
  const task = mutation.state.workflowTask;
  if (task?.startedEventId !== undefined && !task.transient) {
    mutation.append('workflowTaskFailed', {
      scheduledEventId: int64(task.scheduledEventId),
      startedEventId: int64(task.startedEventId),
      cause: WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_FORCE_CLOSE_COMMAND,
      identity: 'history-service',
    });
  }
  mutation.state.workflowTask = undefined;
  mutation.flushBufferedEvents();
}
