import { FailedPrecondition } from '@kairos/errors';
import { durationToMs, int64ToNumber, temporal, timestampToMs } from '@kairos/proto';
import { mergePayloadMap } from '../rules/payload-map-merge.ts';
import { normalizeRetryPolicy } from '../rules/retry-policy.ts';
import { encodedMemo, encodedSearchAttributes } from '../state/encoded.ts';
import type { ActivityInfo, MutableState } from '../state/mutable-state.ts';
import { PendingLinks } from './pending-links.ts';
import { stateFromStartedEvent, type ResetRunIdentity } from './started-state.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;
const HistoryEvent = temporal.api.history.v1.HistoryEvent;

/**
 * Rebuilds a run's mutable state by replaying its recorded events, as Temporal's state rebuilder does
 * for a reset: the reset run starts from exactly what its copied history says, so an activity or timer
 * still pending at the reset point is pending (and re-armed) in the new run, and one that finished
 * before it is not run again. Timing fields the events do not carry (attempts of a retried activity,
 * heartbeats) start afresh. Work the rebuilder cannot carry over yet refuses the reset: a pending child
 * (as Temporal does), a pending signal or cancel to another workflow, an unfinished update.
 */
export function rebuildState(events: readonly IHistoryEvent[], run: ResetRunIdentity): MutableState {
  const state = stateFromStartedEvent(events[0], run);
  const links = new PendingLinks();
  for (const event of events) {
    const eventId = int64ToNumber(event.eventId);
    if (eventId !== state.nextEventId) {
      throw new FailedPrecondition(
        `reset: the base run history skips from event ${state.nextEventId - 1} to ${eventId}`,
      );
    }
    if (eventId > 1) applyEvent(state, event, eventId, links);
    state.nextEventId += 1;
    state.historySizeBytes += HistoryEvent.encode(event).len;
  }
  links.refuseUnfinished();
  return state;
}

function applyEvent(state: MutableState, event: IHistoryEvent, eventId: number, links: PendingLinks): void {
  const eventTimeMs = timestampToMs(event.eventTime) ?? 0;
  switch (event.eventType) {
    case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED: {
      const attributes = event.workflowTaskScheduledEventAttributes ?? {};
      // The reset run has no sticky worker: every task of it goes to the normal queue.
      state.workflowTask = {
        scheduledEventId: eventId,
        attempt: attributes.attempt || 1,
        transient: false,
        scheduledTimeMs: eventTimeMs,
        taskQueue: state.taskQueue,
        taskQueueKind: 'normal',
        startToCloseTimeoutMs: durationToMs(attributes.startToCloseTimeout) || state.workflowTaskTimeoutMs,
      };
      return;
    }
    case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED: {
      const attributes = event.workflowTaskStartedEventAttributes ?? {};
      const task = state.workflowTask;
      if (!task || task.scheduledEventId !== int64ToNumber(attributes.scheduledEventId)) return;
      task.startedEventId = eventId;
      task.startedTimeMs = eventTimeMs;
      task.identity = attributes.identity ?? '';
      task.startedRequestId = attributes.requestId ?? '';
      return;
    }
    case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
      state.lastCompletedWorkflowTaskStartedEventId = int64ToNumber(
        event.workflowTaskCompletedEventAttributes?.startedEventId,
      );
      state.workflowTask = undefined;
      return;
    case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
    case EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
      state.workflowTask = undefined;
      return;
    case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
      state.activities[eventId] = scheduledActivity(event, eventId, eventTimeMs);
      return;
    case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
      // Kairos writes Started only with the attempt's outcome, which follows it at once.
      return;
    case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED: {
      const activity =
        state.activities[int64ToNumber(event.activityTaskCancelRequestedEventAttributes?.scheduledEventId)];
      if (activity) {
        activity.cancelRequested = true;
        activity.cancelRequestedEventId = eventId;
      }
      return;
    }
    case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
    case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
    case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
    case EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED:
      delete state.activities[activityClosedBy(event)];
      return;
    case EventType.EVENT_TYPE_TIMER_STARTED: {
      const attributes = event.timerStartedEventAttributes ?? {};
      const timerId = attributes.timerId ?? '';
      const fireAtMs = eventTimeMs + (durationToMs(attributes.startToFireTimeout) ?? 0);
      state.timers[timerId] = { timerId, startedEventId: eventId, fireAtMs };
      return;
    }
    case EventType.EVENT_TYPE_TIMER_FIRED:
      delete state.timers[event.timerFiredEventAttributes?.timerId ?? ''];
      return;
    case EventType.EVENT_TYPE_TIMER_CANCELED:
      delete state.timers[event.timerCanceledEventAttributes?.timerId ?? ''];
      return;
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
      state.cancelRequested = true;
      return;
    case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
      const current = encodedSearchAttributes.decode(state.searchAttributes)?.indexedFields;
      const upserts = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      state.searchAttributes = encodedSearchAttributes.encode({
        indexedFields: mergePayloadMap(current, upserts),
      });
      return;
    }
    case EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED: {
      const current = encodedMemo.decode(state.memo)?.fields;
      const upserts = event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields;
      state.memo = encodedMemo.encode({ fields: mergePayloadMap(current, upserts) });
      return;
    }
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
    case EventType.EVENT_TYPE_MARKER_RECORDED:
      return;
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
    case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
      // The new run remembers updates finished before the point (their events are copied with the
      // same ids), so a client retrying one gets its outcome instead of running it again.
      rememberUpdate(state, event, eventId, eventTimeMs);
      links.apply(event, eventId);
      return;
    default:
      if (!links.apply(event, eventId)) {
        throw new FailedPrecondition(
          `reset: Kairos cannot yet rebuild a run across ${eventTypeName(event)} (event ${eventId}); choose an earlier reset point`,
        );
      }
  }
}

function rememberUpdate(state: MutableState, event: IHistoryEvent, eventId: number, eventTimeMs: number) {
  const updates = (state.updates ??= {});
  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) {
    const updateId = accepted.protocolInstanceId ?? '';
    updates[updateId] = { stage: 'accepted', admittedTimeMs: eventTimeMs, acceptedEventId: eventId };
    return;
  }
  const updateId = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '';
  const info = updates[updateId];
  if (info) Object.assign(info, { stage: 'completed', completedEventId: eventId });
}

function scheduledActivity(event: IHistoryEvent, eventId: number, eventTimeMs: number): ActivityInfo {
  const attributes = event.activityTaskScheduledEventAttributes ?? {};
  return {
    scheduledEventId: eventId,
    activityId: attributes.activityId ?? '',
    activityType: attributes.activityType?.name ?? '',
    taskQueue: attributes.taskQueue?.name ?? '',
    scheduledTimeMs: eventTimeMs,
    currentAttemptScheduledTimeMs: eventTimeMs,
    attempt: 1,
    scheduleToStartTimeoutMs: durationToMs(attributes.scheduleToStartTimeout) || undefined,
    scheduleToCloseTimeoutMs: durationToMs(attributes.scheduleToCloseTimeout) || undefined,
    startToCloseTimeoutMs: durationToMs(attributes.startToCloseTimeout) || undefined,
    heartbeatTimeoutMs: durationToMs(attributes.heartbeatTimeout) || undefined,
    retryPolicy: normalizeRetryPolicy(attributes.retryPolicy, { field: 'retryPolicy' }),
    cancelRequested: false,
  };
}

function activityClosedBy(event: IHistoryEvent): number {
  const attributes =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  return int64ToNumber(attributes?.scheduledEventId);
}

export function eventTypeName(event: IHistoryEvent): string {
  const names = temporal.api.enums.v1.EventType as unknown as Record<number, string | undefined>;
  const name = names[event.eventType ?? 0] ?? `event type ${String(event.eventType)}`;
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());
}
