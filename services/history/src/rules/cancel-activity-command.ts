import { int64ToNumber, type temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, rejectCommand, type CommandCheck } from './command-outcome.ts';

const at = 'requestCancelActivityTaskCommandAttributes';
const badAttributes =
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES;

export interface CancelActivityContext {
  /** The pending activity scheduled by this event id (including ones scheduled earlier in the same task). */
  pendingActivity(scheduledEventId: number): { cancelRequested: boolean } | undefined;
  /** Activities no longer pending because their closing event is still buffered. */
  closedActivityIdsInBuffer?: ReadonlySet<number>;
}

export interface ActivityToCancel {
  scheduledEventId: number;
  /**
   * `pending`: record ActivityTaskCancelRequested and cancel it (at once if it has not started).
   * `closed-buffered`: it already finished; Temporal still records the request and does nothing else.
   */
  state: 'pending' | 'closed-buffered';
}

/**
 * A RequestCancelActivityTask command as Temporal checks it: attributes present, a positive
 * scheduledEventId naming a pending activity whose cancellation was not already requested (or one
 * whose closing event is buffered). Anything else fails the task with
 * BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES.
 */
export function checkRequestCancelActivityCommand(
  attributes: temporal.api.command.v1.IRequestCancelActivityTaskCommandAttributes | null | undefined,
  context: CancelActivityContext,
): CommandCheck<ActivityToCancel> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const scheduledEventId = int64ToNumber(attributes.scheduledEventId);
  const field = `${at}.scheduledEventId`;
  if (scheduledEventId <= 0) return rejectCommand(badAttributes, field, 'must be set');
  const activity = context.pendingActivity(scheduledEventId);
  if (activity === undefined) {
    if (context.closedActivityIdsInBuffer?.has(scheduledEventId)) {
      return { ok: true, attributes: { scheduledEventId, state: 'closed-buffered' } };
    }
    return rejectCommand(
      badAttributes,
      field,
      `no pending activity was scheduled by event ${scheduledEventId}`,
    );
  }
  if (activity.cancelRequested) {
    return rejectCommand(
      badAttributes,
      field,
      `cancellation of the activity scheduled by event ${scheduledEventId} was already requested`,
    );
  }
  return { ok: true, attributes: { scheduledEventId, state: 'pending' } };
}
