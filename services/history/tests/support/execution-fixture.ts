import { int64ToNumber, temporal } from '@kairos/proto';
import { ExecutionMutation } from '../../src/state/execution-mutation.ts';
import type { ActivityInfo, MutableState, WorkflowTaskInfo } from '../../src/state/mutable-state.ts';

/**
 * Hand-built mutable states for the pure state-machine tests: a fixed clock, fixed ids, and a run
 * whose history so far is event 1 (WorkflowExecutionStarted) unless a test says otherwise.
 */
export const NOW = 1_700_000_000_000;
export const NAMESPACE_ID = '6f1d7c52-3a55-4c1e-9d7e-2f4b8a1c0001';
export const RUN_ID = '0b6a8a43-1f7d-4d8e-a7c2-5e3f9b2d0002';
export const WORKFLOW_ID = 'order-42';
export const TASK_QUEUE = 'orders';
export const STICKY_QUEUE = 'orders-sticky-worker-1';
export const WORKFLOW_TASK_TIMEOUT_MS = 10_000;

const { EventType } = temporal.api.enums.v1;
type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

export function runningState(overrides: Partial<MutableState> = {}): MutableState {
  return {
    namespaceId: NAMESPACE_ID,
    workflowId: WORKFLOW_ID,
    runId: RUN_ID,
    firstExecutionRunId: RUN_ID,
    workflowType: 'ProcessOrder',
    taskQueue: TASK_QUEUE,
    status: 'running',
    startTimeMs: NOW - 60_000,
    executionTimeMs: NOW - 60_000,
    workflowTaskTimeoutMs: WORKFLOW_TASK_TIMEOUT_MS,
    startRequestId: 'start-request-1',
    nextEventId: 2,
    lastCompletedWorkflowTaskStartedEventId: 0,
    firstWorkflowTaskBackoff: false,
    activities: {},
    timers: {},
    bufferedEvents: [],
    cancelRequested: false,
    appliedRequestIds: [],
    historySizeBytes: 100,
    stateTransitionCount: 1,
    ...overrides,
  };
}

/** A workflow task already started by a poller (events `scheduledEventId` and `scheduledEventId + 1`). */
export function startedTask(
  scheduledEventId: number,
  overrides: Partial<WorkflowTaskInfo> = {},
): WorkflowTaskInfo {
  return {
    scheduledEventId,
    startedEventId: scheduledEventId + 1,
    attempt: 1,
    transient: false,
    scheduledTimeMs: NOW - 2_000,
    startedTimeMs: NOW - 1_000,
    startedRequestId: 'poll-1',
    identity: 'worker-1',
    taskQueue: TASK_QUEUE,
    taskQueueKind: 'normal',
    startToCloseTimeoutMs: WORKFLOW_TASK_TIMEOUT_MS,
    ...overrides,
  };
}

/** A run in the middle of a workflow task: events 2 and 3 are its Scheduled and Started. */
export function stateWithStartedTask(overrides: Partial<MutableState> = {}): MutableState {
  return runningState({ nextEventId: 4, workflowTask: startedTask(2), ...overrides });
}

export function activityInfo(overrides: Partial<ActivityInfo> = {}): ActivityInfo {
  return {
    scheduledEventId: 5,
    activityId: 'charge-card',
    activityType: 'ChargeCard',
    taskQueue: TASK_QUEUE,
    scheduledTimeMs: NOW - 5_000,
    currentAttemptScheduledTimeMs: NOW - 5_000,
    attempt: 1,
    retryPolicy: {
      initialIntervalMs: 1_000,
      backoffCoefficient: 2,
      maximumIntervalMs: 100_000,
      maximumAttempts: 3,
      nonRetryableErrorTypes: ['CardDeclined'],
    },
    cancelRequested: false,
    ...overrides,
  };
}

/** The activity as a worker holds it: attempt started one second ago. */
export function startedActivity(overrides: Partial<ActivityInfo> = {}): ActivityInfo {
  return activityInfo({
    startedTimeMs: NOW - 1_000,
    startedIdentity: 'activity-worker',
    startedRequestId: 'activity-poll-1',
    lastWorkerIdentity: 'activity-worker',
    ...overrides,
  });
}

/** A run with one activity, keyed by its scheduled event id as MutableState keeps it. */
export function withActivity(state: MutableState, activity: ActivityInfo): MutableState {
  return { ...state, activities: { ...state.activities, [activity.scheduledEventId]: activity } };
}

export function mutationOf(state: MutableState, now = NOW): ExecutionMutation {
  return new ExecutionMutation(state, now);
}

/** A mutation of a run with `activity` pending and no workflow task (history ends at event 5). */
export function activityMutation(activity: ActivityInfo, overrides: Partial<MutableState> = {}) {
  const mutation = mutationOf(withActivity(runningState({ nextEventId: 6, ...overrides }), activity));
  return { mutation, activity: mutation.state.activities[activity.scheduledEventId]! };
}

/** `WorkflowTaskScheduled`, `ActivityTaskCompleted`, ...: readable event types for assertions. */
export function typeName(event: IHistoryEvent): string {
  const name = EventType[event.eventType ?? 0] ?? String(event.eventType);
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, _separator: string, letter: string) => letter.toUpperCase());
}

/** `[id, type]` pairs, the shape most history assertions read best in. */
export function idsAndTypes(events: readonly IHistoryEvent[]): [number, string][] {
  return events.map((event) => [int64ToNumber(event.eventId), typeName(event)]);
}

export function eventOfType(events: readonly IHistoryEvent[], type: string): IHistoryEvent {
  const event = events.find((candidate) => typeName(candidate) === type);
  if (!event) throw new Error(`no ${type} event among ${events.map(typeName).join(', ')}`);
  return event;
}
