import { int64, int64ToNumber, type temporal } from '@kairos/proto';
import type { MutableState } from '../state/mutable-state.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * A child's events that waited in the buffer learn their ids only when flushed: a buffered
 * ChildWorkflowExecutionStarted gives its id to the pending child and to a close event of the same
 * child buffered after it (which was built with startedEventId 0). Called for each flushed event in
 * order, `startedIds` shared across one flush (initiated event id → started event id).
 */
export class FlushedChildEvents {
  private readonly startedIds = new Map<number, number>();

  constructor(private readonly state: MutableState) {}

  /** Before the event is appended: fill a close event's startedEventId from a Started flushed before it. */
  beforeAppend(event: IHistoryEvent): void {
    const close =
      event.childWorkflowExecutionCompletedEventAttributes ??
      event.childWorkflowExecutionFailedEventAttributes ??
      event.childWorkflowExecutionCanceledEventAttributes ??
      event.childWorkflowExecutionTimedOutEventAttributes ??
      event.childWorkflowExecutionTerminatedEventAttributes;
    if (!close || int64ToNumber(close.startedEventId) !== 0) return;
    const startedId = this.startedIds.get(int64ToNumber(close.initiatedEventId));
    if (startedId !== undefined) close.startedEventId = int64(startedId);
  }

  /** After it is appended (it has its id): a Started event's id is remembered. */
  afterAppend(event: IHistoryEvent): void {
    const started = event.childWorkflowExecutionStartedEventAttributes;
    if (!started) return;
    const initiatedEventId = int64ToNumber(started.initiatedEventId);
    const startedEventId = int64ToNumber(event.eventId);
    this.startedIds.set(initiatedEventId, startedEventId);
    const child = this.state.pendingChildren?.[initiatedEventId];
    if (child) child.startedEventId = startedEventId;
  }
}
