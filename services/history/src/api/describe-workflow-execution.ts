import { msToDuration, msToTimestamp, temporal, int64 } from '@kairos/proto';
import type { NamespaceRef } from '../client.ts';
import { loadExecution, ownedShard, type EngineContext } from '../engine/engine-context.ts';
import { parentInfo, pendingChildren } from '../children/describe-children.ts';
import { workflowExtendedInfo } from '../reset/extended-info.ts';
import { encodedFailure, encodedMemo, encodedPayloads, encodedSearchAttributes } from '../state/encoded.ts';
import type { ActivityInfo, ExecutionStatusName, MutableState } from '../state/mutable-state.ts';

const {
  WorkflowExecutionStatus: Status,
  PendingActivityState,
  PendingWorkflowTaskState,
  TaskQueueKind,
} = temporal.api.enums.v1;

export const statusOf: Record<ExecutionStatusName, temporal.api.enums.v1.WorkflowExecutionStatus> = {
  running: Status.WORKFLOW_EXECUTION_STATUS_RUNNING,
  completed: Status.WORKFLOW_EXECUTION_STATUS_COMPLETED,
  failed: Status.WORKFLOW_EXECUTION_STATUS_FAILED,
  canceled: Status.WORKFLOW_EXECUTION_STATUS_CANCELED,
  terminated: Status.WORKFLOW_EXECUTION_STATUS_TERMINATED,
  timed_out: Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
  continued_as_new: Status.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW,
};

/** DescribeWorkflowExecution: the run's configuration, status, pending activities and workflow task. */
export async function describeWorkflowExecution(
  context: EngineContext,
  namespace: NamespaceRef,
  request: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionRequest,
): Promise<temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse> {
  const workflowId = request.execution?.workflowId ?? '';
  ownedShard(context, namespace.id, workflowId);
  const { state } = await loadExecution(context, {
    namespaceId: namespace.id,
    workflowId,
    runId: request.execution?.runId,
  });
  return {
    executionConfig: {
      taskQueue: { name: state.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      workflowExecutionTimeout: optionalDuration(state.executionTimeoutMs),
      workflowRunTimeout: optionalDuration(state.runTimeoutMs),
      defaultWorkflowTaskTimeout: msToDuration(state.workflowTaskTimeoutMs),
    },
    workflowExecutionInfo: executionInfo(state),
    workflowExtendedInfo: workflowExtendedInfo(state),
    pendingActivities: Object.values(state.activities).map((activity) => pendingActivity(activity)),
    pendingWorkflowTask: pendingWorkflowTask(state),
    pendingChildren: pendingChildren(state),
  };
}

export function executionInfo(state: MutableState): temporal.api.workflow.v1.IWorkflowExecutionInfo {
  return {
    execution: { workflowId: state.workflowId, runId: state.runId },
    type: { name: state.workflowType },
    startTime: msToTimestamp(state.startTimeMs),
    closeTime: state.closeTimeMs === undefined ? null : msToTimestamp(state.closeTimeMs),
    status: statusOf[state.status],
    historyLength: int64(state.nextEventId - 1),
    executionTime: msToTimestamp(state.executionTimeMs),
    memo: encodedMemo.decode(state.memo) ?? null,
    searchAttributes: encodedSearchAttributes.decode(state.searchAttributes) ?? null,
    taskQueue: state.taskQueue,
    stateTransitionCount: int64(state.stateTransitionCount),
    historySizeBytes: int64(state.historySizeBytes),
    firstRunId: state.firstExecutionRunId,
    ...parentInfo(state),
    executionDuration:
      state.closeTimeMs === undefined
        ? null
        : msToDuration(Math.max(0, state.closeTimeMs - state.executionTimeMs)),
  };
}

function pendingActivity(activity: ActivityInfo): temporal.api.workflow.v1.IPendingActivityInfo {
  const state = activity.cancelRequested
    ? PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED
    : activity.startedTimeMs !== undefined
      ? PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
      : PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED;
  return {
    activityId: activity.activityId,
    activityType: { name: activity.activityType },
    state,
    heartbeatDetails: encodedPayloads.decode(activity.lastHeartbeatDetails) ?? null,
    lastHeartbeatTime:
      activity.lastHeartbeatTimeMs === undefined ? null : msToTimestamp(activity.lastHeartbeatTimeMs),
    lastStartedTime: activity.startedTimeMs === undefined ? null : msToTimestamp(activity.startedTimeMs),
    attempt: activity.attempt,
    maximumAttempts: activity.retryPolicy.maximumAttempts,
    scheduledTime: msToTimestamp(activity.currentAttemptScheduledTimeMs),
    expirationTime:
      activity.scheduleToCloseTimeoutMs === undefined
        ? null
        : msToTimestamp(activity.scheduledTimeMs + activity.scheduleToCloseTimeoutMs),
    lastFailure: encodedFailure.decode(activity.lastFailure) ?? null,
    lastWorkerIdentity: activity.lastWorkerIdentity ?? '',
    nextAttemptScheduleTime: activity.retryAtMs === undefined ? null : msToTimestamp(activity.retryAtMs),
  };
}

function pendingWorkflowTask(state: MutableState): temporal.api.workflow.v1.IPendingWorkflowTaskInfo | null {
  const task = state.workflowTask;
  if (!task) return null;
  return {
    state:
      task.startedEventId === undefined
        ? PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED
        : PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED,
    scheduledTime: msToTimestamp(task.scheduledTimeMs),
    originalScheduledTime: msToTimestamp(task.scheduledTimeMs),
    startedTime: task.startedTimeMs === undefined ? null : msToTimestamp(task.startedTimeMs),
    attempt: task.attempt,
  };
}

function optionalDuration(ms: number | undefined) {
  return ms === undefined ? null : msToDuration(ms);
}
