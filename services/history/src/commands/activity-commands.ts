import { int64ToNumber, msToDuration, temporal, int64 } from '@kairos/proto';
import { checkScheduleActivityCommand } from '../rules/activity-command.ts';
import type { ActivityInfo } from '../state/mutable-state.ts';
import { cancelActivity, dispatchScheduledActivity } from '../transitions/activity.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

const { WorkflowTaskFailedCause: Cause } = temporal.api.enums.v1;

/** ScheduleActivityTask: ActivityTaskScheduled, the task to matching, and its schedule-to-* timers. */
export function scheduleActivityTask(
  context: CommandContext,
  command: temporal.api.command.v1.IScheduleActivityTaskCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const state = mutation.state;
  const validated = checkScheduleActivityCommand(command, {
    workflowRunTimeoutMs: state.runTimeoutMs,
    pendingActivityIds: new Set(Object.values(state.activities).map((activity) => activity.activityId)),
  });
  if (!validated.ok) return validated;
  const normalized = validated.attributes;
  const scheduled = mutation.append('activityTaskScheduled', {
    activityId: normalized.activityId,
    activityType: { name: normalized.activityType },
    taskQueue: {
      name: normalized.taskQueue.name,
      kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
    },
    header: normalized.header ?? null,
    input: normalized.input ?? null,
    priority: normalized.priority ?? null,
    scheduleToCloseTimeout: msToDuration(normalized.scheduleToCloseTimeoutMs),
    scheduleToStartTimeout: msToDuration(normalized.scheduleToStartTimeoutMs),
    startToCloseTimeout: msToDuration(normalized.startToCloseTimeoutMs),
    heartbeatTimeout: msToDuration(normalized.heartbeatTimeoutMs),
    workflowTaskCompletedEventId: int64(context.completedEventId),
    retryPolicy: {
      initialInterval: msToDuration(normalized.retryPolicy.initialIntervalMs),
      backoffCoefficient: normalized.retryPolicy.backoffCoefficient,
      maximumInterval: msToDuration(normalized.retryPolicy.maximumIntervalMs),
      maximumAttempts: normalized.retryPolicy.maximumAttempts,
      nonRetryableErrorTypes: normalized.retryPolicy.nonRetryableErrorTypes,
    },
  });
  const scheduledEventId = int64ToNumber(scheduled.eventId);
  const activity: ActivityInfo = {
    scheduledEventId,
    activityId: normalized.activityId,
    activityType: normalized.activityType,
    taskQueue: normalized.taskQueue.name,
    scheduledTimeMs: mutation.now,
    currentAttemptScheduledTimeMs: mutation.now,
    attempt: 1,
    scheduleToStartTimeoutMs: normalized.scheduleToStartTimeoutMs || undefined,
    scheduleToCloseTimeoutMs: normalized.scheduleToCloseTimeoutMs || undefined,
    startToCloseTimeoutMs: normalized.startToCloseTimeoutMs || undefined,
    heartbeatTimeoutMs: normalized.heartbeatTimeoutMs || undefined,
    retryPolicy: normalized.retryPolicy,
    cancelRequested: false,
  };
  state.activities[scheduledEventId] = activity;
  dispatchScheduledActivity(mutation, activity);
  return undefined;
}

/**
 * RequestCancelActivityTask: ActivityTaskCancelRequested; an activity that has not started (or waits
 * for a retry) is canceled at once, a running one learns of it through its heartbeat.
 */
export function requestCancelActivityTask(
  context: CommandContext,
  command: temporal.api.command.v1.IRequestCancelActivityTaskCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const scheduledEventId = int64ToNumber(command.scheduledEventId);
  const activity = mutation.state.activities[scheduledEventId];
  if (!activity) {
    return {
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES,
      message: `RequestCancelActivityTask: no pending activity was scheduled by event ${scheduledEventId}`,
    };
  }
  if (activity.cancelRequested) return undefined;
  const requested = mutation.append('activityTaskCancelRequested', {
    scheduledEventId: int64(scheduledEventId),
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  activity.cancelRequested = true;
  activity.cancelRequestedEventId = int64ToNumber(requested.eventId);
  if (activity.startedTimeMs === undefined) cancelActivity(mutation, activity, null, context.identity);
  return undefined;
}
