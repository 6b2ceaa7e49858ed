import { NotFound } from '@kairos/errors';
import { msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import type {
  ActivityHeartbeat,
  ActivityResult,
  ActivityTarget,
  NamespaceRef,
  PollerInfo,
} from '../client.ts';
import { updateExecution, type EngineContext, type RunRef } from '../engine/engine-context.ts';
import { encodedPayloads } from '../state/encoded.ts';
import type { ActivityInfo, MutableState } from '../state/mutable-state.ts';
import type { TaskMessage } from '../task-message.ts';
import { decodeTaskToken, encodeTaskToken, requireTokenNamespace } from '../task-token.ts';
import {
  cancelActivity,
  completeActivity,
  failActivityAttempt,
  startActivity,
} from '../transitions/activity.ts';

type PollActivityResponse = temporal.api.workflowservice.v1.IPollActivityTaskQueueResponse;

/** Temporal's words for an activity that is gone (completed, timed out, or its workflow closed). */
const ACTIVITY_NOT_FOUND = 'activity task not found: it completed, timed out, or its workflow closed';

/**
 * Matching matched an activity task to a poll: the attempt starts (no event yet: ActivityTaskStarted
 * is written with the outcome) and the poller gets the input from the ActivityTaskScheduled event.
 */
export async function recordActivityTaskStarted(
  context: EngineContext,
  task: TaskMessage,
  poller: PollerInfo,
): Promise<PollActivityResponse> {
  const { state, activity } = await updateExecution(
    context,
    { namespaceId: task.namespaceId, workflowId: task.workflowId, runId: task.runId },
    (mutation) => {
      const activity = mutation.state.activities[task.scheduledEventId];
      if (
        mutation.state.status !== 'running' ||
        !activity ||
        activity.attempt !== task.attempt ||
        activity.retryAtMs
      ) {
        throw new NotFound(ACTIVITY_NOT_FOUND);
      }
      if (activity.startedTimeMs !== undefined) {
        if (activity.startedRequestId !== poller.pollRequestId)
          throw new NotFound('activity task already started');
      } else {
        startActivity(mutation, activity, poller);
      }
      return { state: mutation.state, activity };
    },
  );
  const [scheduled] = await context.store.readEvents(
    state.runId,
    activity.scheduledEventId,
    activity.scheduledEventId + 1,
    1,
  );
  const attributes = scheduled?.activityTaskScheduledEventAttributes;
  return {
    taskToken: encodeTaskToken({
      kind: 'activity',
      namespaceId: state.namespaceId,
      workflowId: state.workflowId,
      runId: state.runId,
      scheduledEventId: activity.scheduledEventId,
      activityId: activity.activityId,
      attempt: activity.attempt,
    }),
    workflowNamespace: task.namespaceId,
    workflowType: { name: state.workflowType },
    workflowExecution: { workflowId: state.workflowId, runId: state.runId },
    activityType: { name: activity.activityType },
    activityId: activity.activityId,
    header: attributes?.header ?? null,
    input: attributes?.input ?? null,
    heartbeatDetails: encodedPayloads.decode(activity.lastHeartbeatDetails) ?? null,
    scheduledTime: msToTimestamp(activity.scheduledTimeMs),
    currentAttemptScheduledTime: msToTimestamp(activity.currentAttemptScheduledTimeMs),
    startedTime: msToTimestamp(activity.startedTimeMs ?? context.now()),
    attempt: activity.attempt,
    scheduleToCloseTimeout: msToDuration(activity.scheduleToCloseTimeoutMs ?? 0),
    startToCloseTimeout: msToDuration(activity.startToCloseTimeoutMs ?? 0),
    heartbeatTimeout: msToDuration(activity.heartbeatTimeoutMs ?? 0),
    retryPolicy: attributes?.retryPolicy ?? null,
  };
}

export async function respondActivityTaskCompleted(
  context: EngineContext,
  namespace: NamespaceRef,
  request: ActivityResult<'completed'>,
): Promise<void> {
  await onStartedActivity(context, namespace, request.target, (mutation, activity) =>
    completeActivity(mutation, activity, request.result, request.identity),
  );
}

export async function respondActivityTaskFailed(
  context: EngineContext,
  namespace: NamespaceRef,
  request: ActivityResult<'failed'>,
): Promise<void> {
  await onStartedActivity(context, namespace, request.target, (mutation, activity) => {
    if (request.lastHeartbeatDetails) {
      activity.lastHeartbeatDetails = encodedPayloads.encode(request.lastHeartbeatDetails);
    }
    failActivityAttempt(mutation, activity, {
      kind: 'failed',
      failure: request.failure,
      identity: request.identity,
    });
  });
}

export async function respondActivityTaskCanceled(
  context: EngineContext,
  namespace: NamespaceRef,
  request: ActivityResult<'canceled'>,
): Promise<void> {
  await onStartedActivity(context, namespace, request.target, (mutation, activity) =>
    cancelActivity(mutation, activity, request.details, request.identity),
  );
}

/**
 * RecordActivityTaskHeartbeat: keeps the attempt alive past its heartbeat timeout, keeps the details
 * for the next attempt, and tells the worker whether the workflow asked to cancel the activity.
 */
export async function recordActivityTaskHeartbeat(
  context: EngineContext,
  namespace: NamespaceRef,
  request: ActivityHeartbeat,
): Promise<{ cancelRequested: boolean }> {
  return onStartedActivity(context, namespace, request.target, (mutation, activity) => {
    activity.lastHeartbeatTimeMs = mutation.now;
    if (request.details) activity.lastHeartbeatDetails = encodedPayloads.encode(request.details);
    mutation.touch();
    return { cancelRequested: activity.cancelRequested };
  });
}

/** Finds the started attempt a token (or workflow id + activity id) names; throws NotFound if stale. */
async function onStartedActivity<T>(
  context: EngineContext,
  namespace: NamespaceRef,
  target: ActivityTarget,
  action: (mutation: import('../state/execution-mutation.ts').ExecutionMutation, activity: ActivityInfo) => T,
): Promise<T> {
  const located = locate(namespace, target);
  return updateExecution(context, located.ref, (mutation) => {
    const activity = located.find(mutation.state);
    if (mutation.state.status !== 'running' || !activity || activity.startedTimeMs === undefined) {
      throw new NotFound(ACTIVITY_NOT_FOUND);
    }
    return action(mutation, activity);
  });
}

function locate(
  namespace: NamespaceRef,
  target: ActivityTarget,
): { ref: RunRef; find: (state: MutableState) => ActivityInfo | undefined } {
  if ('taskToken' in target) {
    const token = requireTokenNamespace(decodeTaskToken(target.taskToken, 'activity'), namespace.id);
    return {
      ref: { namespaceId: token.namespaceId, workflowId: token.workflowId, runId: token.runId },
      find: (state) => {
        const activity = state.activities[token.scheduledEventId];
        return activity?.attempt === token.attempt ? activity : undefined;
      },
    };
  }
  return {
    ref: { namespaceId: namespace.id, workflowId: target.workflowId, runId: target.runId },
    find: (state) =>
      Object.values(state.activities).find((activity) => activity.activityId === target.activityId),
  };
}
