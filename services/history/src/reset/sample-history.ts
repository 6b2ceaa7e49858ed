import { int64, msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import { eventTypeOf, type EventAttributes, type EventKind } from '../state/execution-mutation.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Test support: a run's history written event by event, ids from 1, one second apart. */
export class SampleHistory {
  readonly events: IHistoryEvent[] = [];

  constructor(private readonly startMs = 1_800_000_000_000) {}

  add<Kind extends EventKind>(kind: Kind, attributes: EventAttributes<Kind>): number {
    const eventId = this.events.length + 1;
    this.events.push({
      eventId: int64(eventId),
      taskId: int64(eventId),
      eventTime: msToTimestamp(this.startMs + eventId * 1000),
      eventType: eventTypeOf(kind),
      version: int64(0),
      [`${kind}EventAttributes`]: attributes,
    });
    return eventId;
  }

  timeOf(eventId: number): number {
    return this.startMs + eventId * 1000;
  }

  started(overrides: EventAttributes<'workflowExecutionStarted'> = {}): number {
    return this.add('workflowExecutionStarted', {
      workflowType: { name: 'orderWorkflow' },
      taskQueue: { name: 'orders' },
      workflowTaskTimeout: msToDuration(10_000),
      originalExecutionRunId: 'base-run',
      firstExecutionRunId: 'first-run',
      attempt: 1,
      workflowId: 'order-1',
      ...overrides,
    });
  }

  /** Scheduled, Started, Completed; answers the Completed event's id. */
  completedTask(): number {
    const scheduled = this.add('workflowTaskScheduled', { taskQueue: { name: 'orders' }, attempt: 1 });
    const started = this.add('workflowTaskStarted', { scheduledEventId: int64(scheduled), identity: 'w' });
    return this.add('workflowTaskCompleted', {
      scheduledEventId: int64(scheduled),
      startedEventId: int64(started),
    });
  }

  activity(completedEventId: number, activityId: string): number {
    return this.add('activityTaskScheduled', {
      activityId,
      activityType: { name: 'charge' },
      taskQueue: { name: 'payments' },
      startToCloseTimeout: msToDuration(5_000),
      scheduleToCloseTimeout: msToDuration(60_000),
      workflowTaskCompletedEventId: int64(completedEventId),
    });
  }

  activityCompleted(scheduledEventId: number): number {
    const started = this.add('activityTaskStarted', {
      scheduledEventId: int64(scheduledEventId),
      attempt: 1,
    });
    return this.add('activityTaskCompleted', {
      scheduledEventId: int64(scheduledEventId),
      startedEventId: int64(started),
    });
  }

  signal(name: string): number {
    return this.add('workflowExecutionSignaled', { signalName: name, identity: 'client' });
  }
}
