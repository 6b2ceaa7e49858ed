import type { temporal } from '@kairos/proto';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState, WorkflowTaskInfo } from '../state/mutable-state.ts';
import { scheduleWorkflowTask } from '../transitions/workflow-task.ts';
import { applyRemainingMessages, ProtocolMessages } from './protocol-messages.ts';
import { findUpdate, hasUndeliveredUpdates, updateTypeUrl } from './update-records.ts';

type CompletedRequest = temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedRequest;

/**
 * Temporal's speculative workflow task, for updates: when a run needs a task only to carry updates,
 * the task is transient from its first attempt (its Scheduled/Started events go to the poller, not to
 * history). If the worker then only rejects updates, the task is dropped as if it never ran and the
 * worker is told to roll back (resetHistoryEventId), so a rejection leaves no trace in history. Any
 * other outcome (commands, acceptances, new events meanwhile, a failure) writes it like a normal task.
 */
export function ensureUpdateWorkflowTask(mutation: ExecutionMutation): void {
  const state = mutation.state;
  if (state.status !== 'running' || state.workflowTask || state.firstWorkflowTaskBackoff) return;
  if (mutation.workflowTaskDeferred) {
    mutation.workflowTaskWanted = true;
    return;
  }
  scheduleWorkflowTask(mutation, 1, { speculative: true });
}

/** True when completing `task` with `request` changes nothing but rejecting updates. */
export function isDiscardable(
  state: MutableState,
  task: WorkflowTaskInfo,
  request: CompletedRequest,
): boolean {
  if (!task.speculative || !task.transient) return false;
  if ((request.commands ?? []).length > 0 || request.forceCreateNewWorkflowTask) return false;
  if (state.bufferedEvents.length > 0) return false;
  return (request.messages ?? []).every(
    (message) =>
      message.body?.type_url === updateTypeUrl('Rejection') &&
      findUpdate(state, message.protocolInstanceId ?? '')?.stage === 'admitted',
  );
}

/**
 * Drops a discardable speculative task: applies its rejections, forgets the task (no event written)
 * and gives updates admitted meanwhile a speculative task of their own. Answers the event id the
 * worker rolls its history back to.
 */
export function discardSpeculativeTask(
  mutation: ExecutionMutation,
  task: WorkflowTaskInfo,
  request: CompletedRequest,
): number {
  const state = mutation.state;
  applyRemainingMessages(
    {
      mutation,
      completedEventId: 0,
      identity: request.identity ?? '',
      protocolMessages: new ProtocolMessages(request.messages ?? []),
    },
    task,
  );
  state.workflowTask = undefined;
  mutation.touch();
  if (hasUndeliveredUpdates(state, task)) ensureUpdateWorkflowTask(mutation);
  return state.lastCompletedWorkflowTaskStartedEventId;
}
