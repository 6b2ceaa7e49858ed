import { int64, temporal } from '@kairos/proto';
import { decodeEvent, type ExecutionMutation } from '../state/execution-mutation.ts';
import type { PendingChild } from '../state/mutable-state.ts';
import type { TransferTaskOf } from '../transfer/transfer-task.ts';
import { ensureWorkflowTask } from '../transitions/workflow-task.ts';

const { StartChildWorkflowExecutionFailedCause } = temporal.api.enums.v1;

/**
 * The parent's side of a child's life, each applied once: only a pending child that is still waiting
 * for this outcome changes (a redelivered task finds nothing to do). The events come from outside the
 * workflow, so they wait in the buffer while a workflow task runs, and a workflow task delivers them.
 */
export function recordChildStarted(mutation: ExecutionMutation, task: TransferTaskOf<'child-started'>): void {
  const child = waitingChild(mutation, task.initiatedEventId);
  if (!child || child.runId) return;
  appendChildStarted(mutation, child, task.childRunId);
  ensureWorkflowTask(mutation);
}

export function recordChildStartFailed(
  mutation: ExecutionMutation,
  task: TransferTaskOf<'child-start-failed'>,
): void {
  const child = waitingChild(mutation, task.initiatedEventId);
  if (!child || child.runId) return;
  mutation.appendExternal(
    mutation.event('startChildWorkflowExecutionFailed', {
      namespace: child.namespace,
      namespaceId: child.namespaceId,
      workflowId: child.workflowId,
      workflowType: { name: child.workflowType },
      cause:
        StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
      control: child.control ?? '',
      initiatedEventId: int64(child.initiatedEventId),
      workflowTaskCompletedEventId: int64(child.workflowTaskCompletedEventId),
    }),
  );
  forget(mutation, child);
  ensureWorkflowTask(mutation);
}

/**
 * The child's chain closed (its last run; runs it continued into are still the same child). When the
 * close overtook the start's own outcome, ChildWorkflowExecutionStarted is written first.
 */
export function recordChildClosed(mutation: ExecutionMutation, task: TransferTaskOf<'child-closed'>): void {
  const child = waitingChild(mutation, task.initiatedEventId);
  if (!child) return;
  if (!child.runId) appendChildStarted(mutation, child, task.childFirstRunId);
  else if (child.runId !== task.childFirstRunId) return;
  const common = {
    namespace: child.namespace,
    namespaceId: child.namespaceId,
    workflowExecution: task.child,
    workflowType: { name: child.workflowType },
    initiatedEventId: int64(child.initiatedEventId),
    startedEventId: int64(child.startedEventId ?? 0),
  };
  const close = decodeEvent(task.closeEvent);
  const completed = close.workflowExecutionCompletedEventAttributes;
  const failed = close.workflowExecutionFailedEventAttributes;
  const canceled = close.workflowExecutionCanceledEventAttributes;
  const timedOut = close.workflowExecutionTimedOutEventAttributes;
  const event = completed
    ? mutation.event('childWorkflowExecutionCompleted', { ...common, result: completed.result ?? null })
    : failed
      ? mutation.event('childWorkflowExecutionFailed', {
          ...common,
          failure: failed.failure ?? null,
          retryState: failed.retryState ?? 0,
        })
      : canceled
        ? mutation.event('childWorkflowExecutionCanceled', { ...common, details: canceled.details ?? null })
        : timedOut
          ? mutation.event('childWorkflowExecutionTimedOut', {
              ...common,
              retryState: timedOut.retryState ?? 0,
            })
          : mutation.event('childWorkflowExecutionTerminated', common);
  mutation.appendExternal(event);
  forget(mutation, child);
  ensureWorkflowTask(mutation);
}

function waitingChild(mutation: ExecutionMutation, initiatedEventId: number): PendingChild | undefined {
  if (mutation.state.status !== 'running') return undefined;
  return mutation.state.pendingChildren?.[initiatedEventId];
}

function appendChildStarted(mutation: ExecutionMutation, child: PendingChild, runId: string): void {
  const startedEventId = mutation.appendExternal(
    mutation.event('childWorkflowExecutionStarted', {
      namespace: child.namespace,
      namespaceId: child.namespaceId,
      initiatedEventId: int64(child.initiatedEventId),
      workflowExecution: { workflowId: child.workflowId, runId },
      workflowType: { name: child.workflowType },
      header: null,
    }),
  );
  child.runId = runId;
  child.startedEventId = startedEventId ?? 0;
  mutation.touch();
}

function forget(mutation: ExecutionMutation, child: PendingChild): void {
  const pending = { ...mutation.state.pendingChildren };
  delete pending[child.initiatedEventId];
  mutation.state.pendingChildren = pending;
}
