import { encodeTaskToken } from '@kairos/history/client';
import { int64ToNumber, Long, temporal } from '@kairos/proto';
import type { PendingQuery } from './query-tasks.ts';

const { EventType, TaskQueueKind } = temporal.api.enums.v1;

/**
 * The poll response carrying a legacy query task, shaped as Temporal's: the run's whole history for the
 * worker to replay, `previousStartedEventId` at the last completed workflow task, no `startedEventId`
 * (nothing is started), attempt 1, and the workflow's normal queue.
 */
export function queryTaskResponse(
  pending: PendingQuery,
): temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse {
  const { target } = pending;
  return {
    taskToken: encodeTaskToken({ kind: 'query', namespaceId: pending.namespace.id, queryId: pending.id }),
    workflowExecution: { workflowId: target.workflowId, runId: target.runId },
    workflowType: { name: target.workflowType },
    previousStartedEventId: Long.fromNumber(lastCompletedWorkflowTaskStartedEventId(target.history)),
    attempt: 1,
    history: { events: target.history },
    query: pending.query,
    workflowExecutionTaskQueue: { name: target.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
  };
}

/** The WorkflowTaskStarted event id of the last completed workflow task (0 when none completed). */
export function lastCompletedWorkflowTaskStartedEventId(
  events: temporal.api.history.v1.IHistoryEvent[],
): number {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
      return int64ToNumber(event.workflowTaskCompletedEventAttributes?.startedEventId);
    }
  }
  return 0;
}
