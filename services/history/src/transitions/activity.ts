import { int64, msToTimestamp, temporal } from '@kairos/proto';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { encodedFailure, encodedPayloads } from '../state/encoded.ts';
import type { ActivityInfo } from '../state/mutable-state.ts';
import type { ActivityTimeoutType } from '../state/timer-payload.ts';
import { retryDecision } from './activity-retry.ts';
import { ensureWorkflowTask } from './workflow-task.ts';

const { TimeoutType } = temporal.api.enums.v1;
type IPayloads = temporal.api.common.v1.IPayloads;
type IFailure = temporal.api.failure.v1.IFailure;

/** Publishes the activity's current attempt to matching and arms its schedule-to-start timer. */
export function dispatchActivity(mutation: ExecutionMutation, activity: ActivityInfo): void {
  const state = mutation.state;
  mutation.dispatch({
    kind: 'activity',
    namespaceId: state.namespaceId,
    workflowId: state.workflowId,
    runId: state.runId,
    taskQueue: activity.taskQueue,
    taskQueueKind: 'normal',
    normalTaskQueue: activity.taskQueue,
    scheduledEventId: activity.scheduledEventId,
    attempt: activity.attempt,
    scheduledAtMs: mutation.now,
  });
  if (activity.scheduleToStartTimeoutMs) {
    armActivityTimeout(
      mutation,
      activity,
      'schedule-to-start',
      mutation.now + activity.scheduleToStartTimeoutMs,
    );
  }
}

/**
 * An activity scheduled at `mutation.now` (by its command, or again by a reset): dispatched, and its
 * schedule-to-close timer armed, which counts from the schedule across every attempt.
 */
export function dispatchScheduledActivity(mutation: ExecutionMutation, activity: ActivityInfo): void {
  dispatchActivity(mutation, activity);
  if (activity.scheduleToCloseTimeoutMs) {
    armActivityTimeout(
      mutation,
      activity,
      'schedule-to-close',
      mutation.now + activity.scheduleToCloseTimeoutMs,
    );
  }
}

export function armActivityTimeout(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  timeoutType: ActivityTimeoutType,
  fireAtMs: number,
): void {
  mutation.addTimer(fireAtMs, {
    type: 'activity-timeout',
    scheduledEventId: activity.scheduledEventId,
    attempt: activity.attempt,
    timeoutType,
  });
}

export function startActivity(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  poller: { identity: string; pollRequestId: string },
): void {
  activity.startedTimeMs = mutation.now;
  activity.startedIdentity = poller.identity;
  activity.startedRequestId = poller.pollRequestId;
  activity.lastWorkerIdentity = poller.identity;
  activity.lastHeartbeatTimeMs = undefined;
  mutation.touch();
  if (activity.startToCloseTimeoutMs) {
    armActivityTimeout(mutation, activity, 'start-to-close', mutation.now + activity.startToCloseTimeoutMs);
  }
  if (activity.heartbeatTimeoutMs) {
    armActivityTimeout(mutation, activity, 'heartbeat', mutation.now + activity.heartbeatTimeoutMs);
  }
}

/**
 * Writes ActivityTaskStarted lazily, as Temporal does for activities with retries: only the attempt
 * that ends the activity gets a Started event, written right before its outcome.
 */
function appendStarted(mutation: ExecutionMutation, activity: ActivityInfo): number | 'buffered' | undefined {
  if (activity.startedTimeMs === undefined) return undefined;
  const started = mutation.event('activityTaskStarted', {
    scheduledEventId: int64(activity.scheduledEventId),
    identity: activity.startedIdentity ?? '',
    requestId: activity.startedRequestId ?? '',
    attempt: activity.attempt,
    lastFailure: encodedFailure.decode(activity.lastFailure) ?? null,
  });
  // Written late, but stamped with when the attempt really started (as Temporal does).
  started.eventTime = msToTimestamp(activity.startedTimeMs);
  return mutation.appendExternal(started) ?? 'buffered';
}

/** Appends Started (when the attempt had started) and the closing event, linking the two ids. */
function closeActivity(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  closing: temporal.api.history.v1.IHistoryEvent,
  setStartedEventId: (startedEventId: number) => void,
): void {
  const started = appendStarted(mutation, activity);
  setStartedEventId(typeof started === 'number' ? started : 0);
  mutation.appendExternal(closing, { startedEventIdFromPrevious: started === 'buffered' });
  delete mutation.state.activities[activity.scheduledEventId];
  ensureWorkflowTask(mutation);
}

export function completeActivity(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  result: IPayloads | null | undefined,
  identity: string,
): void {
  const attributes: temporal.api.history.v1.IActivityTaskCompletedEventAttributes = {
    result: result ?? null,
    scheduledEventId: int64(activity.scheduledEventId),
    identity,
  };
  closeActivity(mutation, activity, mutation.event('activityTaskCompleted', attributes), (id) => {
    attributes.startedEventId = int64(id);
  });
}

export function cancelActivity(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  details: IPayloads | null | undefined,
  identity: string,
): void {
  const attributes: temporal.api.history.v1.IActivityTaskCanceledEventAttributes = {
    details: details ?? null,
    latestCancelRequestedEventId: int64(activity.cancelRequestedEventId ?? 0),
    scheduledEventId: int64(activity.scheduledEventId),
    identity,
  };
  closeActivity(mutation, activity, mutation.event('activityTaskCanceled', attributes), (id) => {
    attributes.startedEventId = int64(id);
  });
}

/**
 * An attempt failed (worker failure or timeout): retry after the policy's backoff when it allows,
 * otherwise close the activity with ActivityTaskFailed or ActivityTaskTimedOut.
 */
export function failActivityAttempt(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  outcome:
    | { kind: 'failed'; failure: IFailure | null | undefined; identity: string }
    | { kind: 'timed-out'; timeoutType: ActivityTimeoutType },
): void {
  const failure =
    outcome.kind === 'failed'
      ? (outcome.failure ?? { message: 'activity failed' })
      : timeoutFailure(activity, outcome.timeoutType);
  const decision = retryDecision(mutation, activity, failure);
  if (decision.retry) {
    activity.attempt += 1;
    activity.lastFailure = encodedFailure.encode(failure);
    activity.startedTimeMs = undefined;
    activity.startedIdentity = undefined;
    activity.startedRequestId = undefined;
    activity.retryAtMs = mutation.now + decision.delayMs;
    mutation.touch();
    mutation.addTimer(activity.retryAtMs, {
      type: 'activity-retry',
      scheduledEventId: activity.scheduledEventId,
      attempt: activity.attempt,
    });
    return;
  }
  if (outcome.kind === 'failed') {
    const attributes: temporal.api.history.v1.IActivityTaskFailedEventAttributes = {
      failure,
      scheduledEventId: int64(activity.scheduledEventId),
      identity: outcome.identity,
      retryState: decision.retryState,
    };
    closeActivity(mutation, activity, mutation.event('activityTaskFailed', attributes), (id) => {
      attributes.startedEventId = int64(id);
    });
  } else {
    const attributes: temporal.api.history.v1.IActivityTaskTimedOutEventAttributes = {
      failure,
      scheduledEventId: int64(activity.scheduledEventId),
      retryState: decision.retryState,
    };
    closeActivity(mutation, activity, mutation.event('activityTaskTimedOut', attributes), (id) => {
      attributes.startedEventId = int64(id);
    });
  }
}

/** The retry backoff passed: the next attempt becomes ready. */
export function retryActivity(mutation: ExecutionMutation, activity: ActivityInfo): void {
  activity.retryAtMs = undefined;
  activity.currentAttemptScheduledTimeMs = mutation.now;
  mutation.touch();
  dispatchActivity(mutation, activity);
}

function timeoutFailure(activity: ActivityInfo, timeoutType: ActivityTimeoutType): IFailure {
  const type = {
    'schedule-to-start': TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
    'schedule-to-close': TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE,
    'start-to-close': TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
    heartbeat: TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
  }[timeoutType];
  const label = {
    'schedule-to-start': 'ScheduleToStart',
    'schedule-to-close': 'ScheduleToClose',
    'start-to-close': 'StartToClose',
    heartbeat: 'Heartbeat',
  }[timeoutType];
  return {
    message: `activity ${label} timeout`,
    source: 'Server',
    timeoutFailureInfo: {
      timeoutType: type,
      lastHeartbeatDetails: encodedPayloads.decode(activity.lastHeartbeatDetails) ?? null,
    },
  };
}
