import { InvalidArgument } from '@kairos/errors';
import type { temporal } from '@kairos/proto';
import {
  WorkflowTaskFailedCause,
  idProblem,
  rejectCommand,
  rejectionFromInvalidArgument,
  type CommandCheck,
} from './command-outcome.ts';
import { pendingActivitiesLimit } from './limits.ts';
import { payloadsSize, sizeVerdict } from './payload-limits.ts';
import { priorityProblem } from './priority.ts';
import { readDuration } from './proto-duration.ts';
import {
  normalizeRetryPolicy,
  type NormalizedRetryPolicy,
  type RetryPolicyDefaults,
} from './retry-policy.ts';
import { readTaskQueue, type NormalizedTaskQueue } from './task-queue.ts';

type Attributes = temporal.api.command.v1.IScheduleActivityTaskCommandAttributes;
const at = 'scheduleActivityTaskCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES;

/** A ScheduleActivityTask command after Temporal's defaulting; timeouts of 0 mean "no timeout". */
export interface NormalizedActivity {
  activityId: string;
  activityType: string;
  taskQueue: NormalizedTaskQueue;
  scheduleToCloseTimeoutMs: number;
  scheduleToStartTimeoutMs: number;
  startToCloseTimeoutMs: number;
  heartbeatTimeoutMs: number;
  retryPolicy: NormalizedRetryPolicy;
  /** Passed through untouched for the ActivityTaskScheduled event. */
  input: temporal.api.common.v1.IPayloads | null | undefined;
  header: temporal.api.common.v1.IHeader | null | undefined;
  priority: temporal.api.common.v1.IPriority | null | undefined;
  requestEagerExecution: boolean;
  useWorkflowBuildId: boolean;
}

export interface ScheduleActivityContext {
  /** The run's timeout; undefined or 0 when it has none. Activity timeouts never exceed it. */
  workflowRunTimeoutMs: number | undefined;
  /**
   * Activity ids of the run's pending activities, including those scheduled by earlier commands of the
   * same workflow task (the caller adds each id as it accepts the command).
   */
  pendingActivityIds: ReadonlySet<string>;
  retryDefaults?: RetryPolicyDefaults;
}

/**
 * Validate and normalise a ScheduleActivityTask command as Temporal's history does, in its order:
 * attributes present; task queue present and named (no default: Temporal requires it, and every SDK
 * sends the workflow's queue when the user names none); activity id and type set; retry policy
 * (defaults filled, then validated); id and type lengths; priority; timeouts. Then the input size
 * (over 2 MB terminates the run), the pending-activities limit and a duplicate pending activity id.
 *
 * Timeouts: with scheduleToClose set, a missing scheduleToStart or startToClose takes its value (and
 * set ones are capped by it); with only startToClose set, scheduleToClose and a missing
 * scheduleToStart take the run timeout (0 when none); with neither, the command is refused. Every
 * timeout is then capped by the run timeout, and the heartbeat timeout by startToClose.
 */
export function checkScheduleActivityCommand(
  attributes: Attributes | null | undefined,
  context: ScheduleActivityContext,
): CommandCheck<NormalizedActivity> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const taskQueue = readTaskQueue(attributes.taskQueue);
  if (!taskQueue.ok) {
    return rejectCommand(badAttributes, joinField(`${at}.taskQueue`, taskQueue.field), taskQueue.problem);
  }
  const activityId = attributes.activityId ?? '';
  const activityType = attributes.activityType?.name ?? '';
  if (activityId === '') return rejectCommand(badAttributes, `${at}.activityId`, 'must be set');
  if (activityType === '') return rejectCommand(badAttributes, `${at}.activityType.name`, 'must be set');

  let retryPolicy: NormalizedRetryPolicy;
  try {
    retryPolicy = normalizeRetryPolicy(attributes.retryPolicy, {
      field: `${at}.retryPolicy`,
      ...(context.retryDefaults ? { defaults: context.retryDefaults } : {}),
    });
  } catch (error) {
    if (!(error instanceof InvalidArgument)) throw error;
    return rejectionFromInvalidArgument(badAttributes, error);
  }

  const idTooLong = idProblem(activityId);
  if (idTooLong) return rejectCommand(badAttributes, `${at}.activityId`, idTooLong);
  const typeTooLong = idProblem(activityType);
  if (typeTooLong) return rejectCommand(badAttributes, `${at}.activityType.name`, typeTooLong);
  const badPriority = priorityProblem(attributes.priority);
  if (badPriority)
    return rejectCommand(badAttributes, `${at}.priority.${badPriority.field}`, badPriority.problem);

  const timeouts = normalizeActivityTimeouts(attributes, context.workflowRunTimeoutMs ?? 0);
  if (!timeouts.ok) return rejectCommand(badAttributes, timeouts.field, timeouts.problem);

  const inputSize = payloadsSize(attributes.input);
  if (sizeVerdict(inputSize) === 'error') {
    return rejectCommand(badAttributes, `${at}.input`, `is ${inputSize} bytes, over the blob size limit`, {
      terminatesWorkflow: true,
    });
  }
  const pending = context.pendingActivityIds.size;
  if (pending >= pendingActivitiesLimit) {
    return rejectCommand(
      WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_ACTIVITIES_LIMIT_EXCEEDED,
      undefined,
      `the number of pending activities, ${pending}, has reached the per-workflow limit of ${pendingActivitiesLimit}`,
    );
  }
  if (context.pendingActivityIds.has(activityId)) {
    return rejectCommand(
      WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID,
      `${at}.activityId`,
      `an activity with id ${JSON.stringify(activityId)} is already pending`,
    );
  }

  return {
    ok: true,
    attributes: {
      activityId,
      activityType,
      taskQueue: taskQueue.taskQueue,
      ...timeouts.timeouts,
      retryPolicy,
      input: attributes.input,
      header: attributes.header,
      priority: attributes.priority,
      requestEagerExecution: attributes.requestEagerExecution ?? false,
      useWorkflowBuildId: attributes.useWorkflowBuildId ?? false,
    },
  };
}

type ActivityTimeouts = Pick<
  NormalizedActivity,
  'scheduleToCloseTimeoutMs' | 'scheduleToStartTimeoutMs' | 'startToCloseTimeoutMs' | 'heartbeatTimeoutMs'
>;

function normalizeActivityTimeouts(
  attributes: Attributes,
  runTimeoutMs: number,
): { ok: true; timeouts: ActivityTimeouts } | { ok: false; field: string; problem: string } {
  const read: Record<keyof ActivityTimeouts, number> = {
    scheduleToCloseTimeoutMs: 0,
    scheduleToStartTimeoutMs: 0,
    startToCloseTimeoutMs: 0,
    heartbeatTimeoutMs: 0,
  };
  const fields = [
    ['scheduleToCloseTimeoutMs', 'scheduleToCloseTimeout'],
    ['scheduleToStartTimeoutMs', 'scheduleToStartTimeout'],
    ['startToCloseTimeoutMs', 'startToCloseTimeout'],
    ['heartbeatTimeoutMs', 'heartbeatTimeout'],
  ] as const;
  for (const [key, field] of fields) {
    const reading = readDuration(attributes[field]);
    if (!reading.ok) return { ok: false, field: `${at}.${field}`, problem: reading.problem };
    read[key] = reading.ms;
  }
  let { scheduleToCloseTimeoutMs, scheduleToStartTimeoutMs, startToCloseTimeoutMs, heartbeatTimeoutMs } =
    read;
  if (scheduleToCloseTimeoutMs > 0) {
    scheduleToStartTimeoutMs =
      scheduleToStartTimeoutMs > 0
        ? Math.min(scheduleToStartTimeoutMs, scheduleToCloseTimeoutMs)
        : scheduleToCloseTimeoutMs;
    startToCloseTimeoutMs =
      startToCloseTimeoutMs > 0
        ? Math.min(startToCloseTimeoutMs, scheduleToCloseTimeoutMs)
        : scheduleToCloseTimeoutMs;
  } else if (startToCloseTimeoutMs > 0) {
    scheduleToCloseTimeoutMs = runTimeoutMs;
    if (scheduleToStartTimeoutMs === 0) scheduleToStartTimeoutMs = runTimeoutMs;
  } else {
    return {
      ok: false,
      field: `${at}.startToCloseTimeout`,
      problem: 'startToCloseTimeout or scheduleToCloseTimeout must be set',
    };
  }
  if (runTimeoutMs > 0) {
    scheduleToCloseTimeoutMs = Math.min(scheduleToCloseTimeoutMs, runTimeoutMs);
    scheduleToStartTimeoutMs = Math.min(scheduleToStartTimeoutMs, runTimeoutMs);
    startToCloseTimeoutMs = Math.min(startToCloseTimeoutMs, runTimeoutMs);
    heartbeatTimeoutMs = Math.min(heartbeatTimeoutMs, runTimeoutMs);
  }
  heartbeatTimeoutMs = Math.min(heartbeatTimeoutMs, startToCloseTimeoutMs);
  return {
    ok: true,
    timeouts: {
      scheduleToCloseTimeoutMs,
      scheduleToStartTimeoutMs,
      startToCloseTimeoutMs,
      heartbeatTimeoutMs,
    },
  };
}

function joinField(base: string, relative: string): string {
  return relative === '' ? base : `${base}.${relative}`;
}
