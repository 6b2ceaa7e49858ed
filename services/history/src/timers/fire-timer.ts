import { int64 } from '@kairos/proto';
import { updateExecution, type EngineContext } from '../engine/engine-context.ts';
import type { TimerRow } from '../persistence/execution-store.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { TimerPayload } from '../state/timer-payload.ts';
import { failActivityAttempt, armActivityTimeout, retryActivity } from '../transitions/activity.ts';
import { timeOutRun } from '../transitions/close-run.ts';
import { dispatchWorkflowTask, ensureWorkflowTask, failWorkflowTask } from '../transitions/workflow-task.ts';

/** Timers may fire a few milliseconds before they are due (setTimeout rounding). */
const TIMER_SLACK_MS = 50;

/**
 * A durable timer came due. The row is deleted in the same transaction as its effect, so a timer
 * fires exactly once even when two processes race for it or the process dies mid-way. Each kind first
 * checks that what it was armed for is still pending; otherwise it only deletes its row.
 */
export async function fireTimer(context: EngineContext, row: TimerRow): Promise<void> {
  await updateExecution(
    context,
    { namespaceId: row.namespaceId, workflowId: row.workflowId, runId: row.runId },
    (mutation) => {
      mutation.consumeTimer(row.id);
      if (mutation.state.status !== 'running') return;
      applyTimer(mutation, row.payload);
    },
  );
}

function applyTimer(mutation: ExecutionMutation, payload: TimerPayload): void {
  const state = mutation.state;
  switch (payload.type) {
    case 'user-timer': {
      const timer = state.timers[payload.timerId];
      if (timer?.startedEventId !== payload.startedEventId) return;
      delete state.timers[payload.timerId];
      mutation.appendExternal(
        mutation.event('timerFired', {
          timerId: payload.timerId,
          startedEventId: int64(payload.startedEventId),
        }),
      );
      ensureWorkflowTask(mutation);
      return;
    }
    case 'activity-timeout':
      return activityTimeout(mutation, payload);
    case 'activity-retry': {
      const activity = state.activities[payload.scheduledEventId];
      if (activity?.attempt === payload.attempt && activity.retryAtMs !== undefined)
        retryActivity(mutation, activity);
      return;
    }
    case 'workflow-task-timeout':
      return workflowTaskTimeout(mutation, payload);
    case 'workflow-run-timeout':
      // Retried by the workflow's retry policy, or followed by the next cron run, when they allow.
      return timeOutRun(mutation, 'run');
    case 'workflow-execution-timeout':
      // Ends the chain: no retry, no next cron run.
      return timeOutRun(mutation, 'execution');
    case 'workflow-backoff':
      if (!state.firstWorkflowTaskBackoff) return;
      state.firstWorkflowTaskBackoff = false;
      ensureWorkflowTask(mutation);
      return;
  }
}

function activityTimeout(
  mutation: ExecutionMutation,
  payload: Extract<TimerPayload, { type: 'activity-timeout' }>,
) {
  const activity = mutation.state.activities[payload.scheduledEventId];
  if (!activity) return;
  // Schedule-to-close spans every attempt; the others belong to the attempt that armed them.
  if (payload.timeoutType !== 'schedule-to-close' && activity.attempt !== payload.attempt) return;
  const started = activity.startedTimeMs !== undefined;
  switch (payload.timeoutType) {
    case 'schedule-to-start':
      if (started || activity.retryAtMs !== undefined) return;
      break;
    case 'start-to-close':
      if (!started) return;
      break;
    case 'heartbeat': {
      if (!started || !activity.heartbeatTimeoutMs) return;
      const deadline =
        (activity.lastHeartbeatTimeMs ?? activity.startedTimeMs!) + activity.heartbeatTimeoutMs;
      if (deadline > mutation.now) {
        armActivityTimeout(mutation, activity, 'heartbeat', deadline);
        return;
      }
      break;
    }
    case 'schedule-to-close':
      break;
  }
  failActivityAttempt(mutation, activity, { kind: 'timed-out', timeoutType: payload.timeoutType });
}

function workflowTaskTimeout(
  mutation: ExecutionMutation,
  payload: Extract<TimerPayload, { type: 'workflow-task-timeout' }>,
) {
  const state = mutation.state;
  const task = state.workflowTask;
  if (!task || task.scheduledEventId !== payload.scheduledEventId || task.attempt !== payload.attempt) return;
  if (payload.timeoutType === 'start-to-close') {
    // A dropped speculative task (updates/) leaves its timer behind, and the next speculative one
    // reuses its ids: a timer due before this task's own deadline was armed for that earlier task.
    const armedEarlier =
      task.speculative === true &&
      task.startedTimeMs !== undefined &&
      mutation.now + TIMER_SLACK_MS < task.startedTimeMs + task.startToCloseTimeoutMs;
    if (task.startedEventId !== undefined && !armedEarlier) failWorkflowTask(mutation, { kind: 'timed-out' });
    return;
  }
  // Nobody took the task from the sticky queue in time: its worker is gone, use the normal queue.
  if (task.startedEventId !== undefined || task.taskQueueKind !== 'sticky') return;
  state.sticky = undefined;
  task.taskQueue = state.taskQueue;
  task.taskQueueKind = 'normal';
  dispatchWorkflowTask(mutation, task);
}
