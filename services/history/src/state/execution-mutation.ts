import { msToTimestamp, temporal, int64, int64ToNumber } from '@kairos/proto';
import type { TaskMessage } from '../task-message.ts';
import type { TransferTask } from '../transfer/transfer-task.ts';
import { FlushedChildEvents } from '../children/flushed-child-events.ts';
import type { BufferedEvent, MutableState } from './mutable-state.ts';
import type { TimerPayload } from './timer-payload.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const HistoryEvent = temporal.api.history.v1.HistoryEvent;

/** `workflowExecutionStarted`, `activityTaskScheduled`, ...: the attribute fields of HistoryEvent. */
export type EventKind = {
  [Field in keyof IHistoryEvent]-?: Field extends `${infer Kind}EventAttributes` ? Kind : never;
}[keyof IHistoryEvent];
export type EventAttributes<Kind extends EventKind> = NonNullable<IHistoryEvent[`${Kind}EventAttributes`]>;

export interface NewTimer {
  fireAtMs: number;
  payload: TimerPayload;
}

/**
 * One transition of an execution, built in memory: the next mutable state, the events it appends, and
 * the tasks it creates. Nothing touches the database until `persistMutation` writes all of it in one
 * transaction, so a transition that throws leaves nothing behind.
 */
export class ExecutionMutation {
  readonly state: MutableState;
  /** The state the transition started from (as loaded), to tell what the write changes. */
  readonly initialState: Readonly<MutableState>;
  readonly events: IHistoryEvent[] = [];
  readonly tasks: TaskMessage[] = [];
  readonly timers: NewTimer[] = [];
  /** History-internal work for other executions (children, signals, cancels); see transfer-task.ts. */
  readonly transfers: TransferTask[] = [];
  /** Timer rows this transition fires; the write fails over to a no-op if another process fired them. */
  readonly consumedTimerIds: string[] = [];
  readonly now: number;
  /**
   * While a workflow task's commands are applied, a new workflow task must wait until every command
   * event is written; ensureWorkflowTask only notes that one is wanted.
   */
  workflowTaskDeferred = false;
  workflowTaskWanted = false;
  /**
   * The run this transition starts for the same workflow id (continue-as-new, retry, cron). It is
   * written in the same transaction and becomes the workflow id's current run.
   */
  successor: ExecutionMutation | undefined;

  constructor(state: MutableState, now: number) {
    this.state = structuredClone(state);
    this.initialState = state;
    this.now = now;
  }

  get changed(): boolean {
    return (
      this.events.length > 0 ||
      this.tasks.length > 0 ||
      this.timers.length > 0 ||
      this.transfers.length > 0 ||
      this.stateTouched
    );
  }

  /** Marks a change of state alone (no event), e.g. an activity attempt started or retried. */
  touch(): void {
    this.stateTouched = true;
  }
  private stateTouched = false;

  /** Builds an event of `kind` stamped with the transition's time; it has no id yet. */
  event<Kind extends EventKind>(kind: Kind, attributes: EventAttributes<Kind>): IHistoryEvent {
    return {
      eventTime: msToTimestamp(this.now),
      eventType: eventTypeOf(kind),
      version: int64(0),
      [`${kind}EventAttributes`]: attributes,
    };
  }

  /** Appends an event to the history now, giving it the next id. */
  append<Kind extends EventKind>(kind: Kind, attributes: EventAttributes<Kind>): IHistoryEvent {
    return this.appendBuilt(this.event(kind, attributes));
  }

  appendBuilt(event: IHistoryEvent): IHistoryEvent {
    this.materializeTransientWorkflowTask();
    const withId = {
      ...event,
      eventId: int64(this.state.nextEventId),
      taskId: int64(this.state.nextEventId),
    };
    this.state.nextEventId += 1;
    this.state.historySizeBytes += HistoryEvent.encode(withId).len;
    this.events.push(withId);
    this.stateTouched = true;
    return withId;
  }

  /**
   * An event caused from outside the workflow (signal, activity or timer outcome, cancel request):
   * while a workflow task is in flight it waits in the buffer (the worker's view of history ends at
   * that task's Started event), otherwise it is appended now. Answers the event id, or undefined when
   * buffered.
   */
  appendExternal(
    event: IHistoryEvent,
    options: { startedEventIdFromPrevious?: boolean } = {},
  ): number | undefined {
    if (this.state.workflowTask?.startedEventId !== undefined) {
      const buffered: BufferedEvent = { event: encodeEvent(event) };
      if (options.startedEventIdFromPrevious) buffered.startedEventIdFromPrevious = true;
      this.state.bufferedEvents.push(buffered);
      this.stateTouched = true;
      return undefined;
    }
    return int64ToNumber(this.appendBuilt(event).eventId);
  }

  /** Appends the buffered events after a workflow task ended; true when there were any. */
  flushBufferedEvents(): boolean {
    const buffered = this.state.bufferedEvents;
    if (buffered.length === 0) return false;
    this.state.bufferedEvents = [];
    let previousId = 0;
    const children = new FlushedChildEvents(this.state);
    for (const entry of buffered) {
      const event = decodeEvent(entry.event);
      if (entry.startedEventIdFromPrevious) setStartedEventId(event, previousId);
      children.beforeAppend(event);
      const appended = this.appendBuilt(event);
      children.afterAppend(appended);
      previousId = int64ToNumber(appended.eventId);
    }
    return true;
  }

  /** Takes over everything a scratch mutation of the same state built (used when it turned out valid). */
  adopt(scratch: ExecutionMutation): void {
    Object.assign(this.state, scratch.state);
    this.events.push(...scratch.events);
    this.tasks.push(...scratch.tasks);
    this.timers.push(...scratch.timers);
    this.transfers.push(...scratch.transfers);
    this.consumedTimerIds.push(...scratch.consumedTimerIds);
    if (scratch.successor) this.successor = scratch.successor;
    if (scratch.changed) this.stateTouched = true;
  }

  dispatch(task: TaskMessage): void {
    this.tasks.push(task);
  }

  addTimer(fireAtMs: number, payload: TimerPayload): void {
    this.timers.push({ fireAtMs, payload });
  }

  /** The timer row is deleted by this transition's write (which therefore always happens). */
  consumeTimer(timerRowId: string): void {
    this.consumedTimerIds.push(timerRowId);
    this.stateTouched = true;
  }

  /**
   * A scheduled-but-not-started transient workflow task gets its Scheduled event written once any
   * other event must be appended, so event ids stay contiguous.
   */
  private materializeTransientWorkflowTask(): void {
    const task = this.state.workflowTask;
    if (!task?.transient || task.startedEventId !== undefined || this.materializing) return;
    this.materializing = true;
    try {
      task.transient = false;
      task.scheduledEventId = this.state.nextEventId;
      this.appendBuilt(this.event('workflowTaskScheduled', scheduledAttributes(task, this.state.taskQueue)));
    } finally {
      this.materializing = false;
    }
  }
  private materializing = false;
}

export function scheduledAttributes(
  task: {
    taskQueue: string;
    taskQueueKind: 'normal' | 'sticky';
    startToCloseTimeoutMs: number;
    attempt: number;
  },
  normalTaskQueue: string,
): temporal.api.history.v1.IWorkflowTaskScheduledEventAttributes {
  return {
    taskQueue: {
      name: task.taskQueue,
      normalName: task.taskQueueKind === 'sticky' ? normalTaskQueue : '',
      kind:
        task.taskQueueKind === 'sticky'
          ? temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_STICKY
          : temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
    },
    startToCloseTimeout: { seconds: int64(Math.floor(task.startToCloseTimeoutMs / 1000)), nanos: 0 },
    attempt: task.attempt,
  };
}

export function eventTypeOf(kind: EventKind): temporal.api.enums.v1.EventType {
  const name = `EVENT_TYPE_${kind.replace(/([A-Z])/g, '_$1').toUpperCase()}`;
  const value = (temporal.api.enums.v1.EventType as unknown as Record<string, number | undefined>)[name];
  if (value === undefined) throw new Error(`no event type ${name}`);
  return value;
}

export function encodeEvent(event: IHistoryEvent): string {
  return Buffer.from(HistoryEvent.encode(event).finish()).toString('base64');
}

export function decodeEvent(encoded: string): IHistoryEvent {
  return HistoryEvent.decode(Buffer.from(encoded, 'base64'));
}

function setStartedEventId(event: IHistoryEvent, startedEventId: number): void {
  const attributes =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  if (attributes) attributes.startedEventId = int64(startedEventId);
}
