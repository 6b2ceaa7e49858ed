import { InvalidArgument } from '@kairos/errors';
import { int64ToNumber, temporal } from '@kairos/proto';
import { eventTypeName } from './rebuild-state.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

export const FINISH_EVENT_FIELD = 'workflowTaskFinishEventId';

/**
 * Where a reset may cut a run, as Temporal allows it: right after a workflow task's Started event (the
 * point names the task's Completed, Failed or TimedOut event) or right after its Scheduled event (the
 * point names its Started event). The new run keeps the events before the point.
 */
const FINISH_EVENT_TYPES = new Set<number>([
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
]);

/** The id's range against the run's history (Temporal: "> 1 && <= workflow last event ID"). */
export function checkFinishEventIdRange(finishEventId: number, nextEventId: number): void {
  if (!Number.isInteger(finishEventId) || finishEventId <= 1 || finishEventId >= nextEventId) {
    throw InvalidArgument.forField(
      FINISH_EVENT_FIELD,
      `must be > 1 and <= the run's last event id ${nextEventId - 1}, got ${finishEventId}`,
    );
  }
}

/**
 * Checks that `events` (ids 1..finishEventId of the base run) end at a workflow task boundary and
 * answers the events the new run copies (ids before the point).
 */
export function eventsBeforeResetPoint(
  events: readonly IHistoryEvent[],
  finishEventId: number,
): IHistoryEvent[] {
  const point = events[finishEventId - 1];
  if (!point || int64ToNumber(point.eventId) !== finishEventId) {
    throw InvalidArgument.forField(
      FINISH_EVENT_FIELD,
      `event ${finishEventId} was not found in the run's history`,
    );
  }
  if (!FINISH_EVENT_TYPES.has(point.eventType ?? 0)) {
    throw InvalidArgument.forField(
      FINISH_EVENT_FIELD,
      `event ${finishEventId} is ${eventTypeName(point)}; a reset point must be a WorkflowTaskCompleted, WorkflowTaskFailed, WorkflowTaskTimedOut or WorkflowTaskStarted event`,
    );
  }
  return events.slice(0, finishEventId - 1);
}
