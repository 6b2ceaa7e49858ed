import { FailedPrecondition, InvalidArgument } from '@kairos/errors';
import { int64ToNumber, temporal } from '@kairos/proto';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/**
 * Children, signals and cancels to other workflows, and updates: fine when they finished before the
 * reset point, refused when still open there (their other side is not rebuilt with the run).
 */
export class PendingLinks {
  private readonly children = new Set<number>();
  private readonly externals = new Set<number>();
  private readonly updates = new Set<string>();

  /** Applies a link event; false for an event type the rebuilder does not know. */
  apply(event: IHistoryEvent, eventId: number): boolean {
    switch (event.eventType) {
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED:
        this.children.add(eventId);
        return true;
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED:
        return true;
      case EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED:
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED:
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED:
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED:
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT:
      case EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED:
        this.children.delete(initiatedEventIdOf(event));
        return true;
      case EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
      case EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
        this.externals.add(eventId);
        return true;
      case EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED:
      case EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED:
      case EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED:
      case EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
        this.externals.delete(initiatedEventIdOf(event));
        return true;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED:
        this.updates.add(event.workflowExecutionUpdateAdmittedEventAttributes?.request?.meta?.updateId ?? '');
        return true;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        this.updates.add(event.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId ?? '');
        return true;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
        this.updates.delete(event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '');
        return true;
      default:
        return false;
    }
  }

  refuseUnfinished(): void {
    // Temporal's own refusal (and wording) for children still running at the reset point.
    if (this.children.size > 0) {
      throw new InvalidArgument('WorkflowResetter encountered pending child workflows.');
    }
    if (this.externals.size > 0) {
      throw new FailedPrecondition(
        'reset: a signal or cancel request to another workflow is still pending at the reset point; choose an earlier or later reset point',
      );
    }
    if (this.updates.size > 0) {
      throw new FailedPrecondition(
        'reset: a workflow update is still in flight at the reset point; choose an earlier or later reset point',
      );
    }
  }
}

function initiatedEventIdOf(event: IHistoryEvent): number {
  const attributes =
    event.startChildWorkflowExecutionFailedEventAttributes ??
    event.childWorkflowExecutionCompletedEventAttributes ??
    event.childWorkflowExecutionFailedEventAttributes ??
    event.childWorkflowExecutionCanceledEventAttributes ??
    event.childWorkflowExecutionTimedOutEventAttributes ??
    event.childWorkflowExecutionTerminatedEventAttributes ??
    event.signalExternalWorkflowExecutionFailedEventAttributes ??
    event.externalWorkflowExecutionSignaledEventAttributes ??
    event.requestCancelExternalWorkflowExecutionFailedEventAttributes ??
    event.externalWorkflowExecutionCancelRequestedEventAttributes;
  return int64ToNumber(attributes?.initiatedEventId);
}
