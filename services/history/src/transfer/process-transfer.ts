import { NotFound } from '@kairos/errors';
import { startChildExecution } from '../children/start-child-execution.ts';
import {
  applyParentClosePolicy,
  deliverExternalCancel,
  deliverExternalSignal,
  recordExternalOutcome,
} from '../children/external-workflow.ts';
import {
  recordChildClosed,
  recordChildStarted,
  recordChildStartFailed,
} from '../children/record-child-outcome.ts';
import { ownedShard, updateExecution, type EngineContext } from '../engine/engine-context.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { TransferTask, TransferTaskOf } from './transfer-task.ts';

/**
 * HistoryClient.processTransfer: does a transfer task's work on the target's shard, which this process
 * must own, and answers the follow-up tasks for other executions (the consumer runs them next). An
 * execution that no longer exists (deleted after retention) has nothing left to do.
 */
export async function processTransfer(context: EngineContext, task: TransferTask): Promise<TransferTask[]> {
  ownedShard(context, task.namespaceId, task.target.workflowId);
  switch (task.kind) {
    case 'start-child':
      return startChildExecution(context, task);
    case 'child-started':
      await onTarget(context, task, (mutation) => recordChildStarted(mutation, task));
      return [];
    case 'child-start-failed':
      await onTarget(context, task, (mutation) => recordChildStartFailed(mutation, task));
      return [];
    case 'child-closed':
      await onTarget(context, task, (mutation) => recordChildClosed(mutation, task));
      return [];
    case 'parent-closed':
      await onTarget(context, task, (mutation) => applyParentClosePolicy(mutation, task));
      return [];
    case 'external-outcome':
      await onTarget(context, task, (mutation) => recordExternalOutcome(mutation, task));
      return [];
    case 'signal-external':
    case 'cancel-external':
      return [await deliverExternal(context, task)];
  }
}

/** A signal or cancel request from one workflow to another; answers the outcome for the sender. */
async function deliverExternal(
  context: EngineContext,
  task: TransferTaskOf<'signal-external' | 'cancel-external'>,
): Promise<TransferTask> {
  // As Temporal: a workflow cannot signal or cancel itself this way (whatever the run id says).
  const itself = task.target.workflowId === task.sender.workflowId;
  const reached = itself
    ? undefined
    : await onTarget(context, task, (mutation) => ({
        runId: mutation.state.runId,
        delivered:
          task.kind === 'signal-external'
            ? deliverExternalSignal(mutation, task)
            : deliverExternalCancel(mutation, task),
      }));
  return {
    kind: 'external-outcome',
    namespaceId: task.namespaceId,
    namespace: task.namespace,
    target: task.sender,
    initiatedEventId: task.initiatedEventId,
    operation: task.kind === 'signal-external' ? 'signal' : 'cancel',
    external: { workflowId: task.target.workflowId, runId: reached?.runId ?? task.target.runId ?? '' },
    delivered: reached?.delivered ?? false,
  };
}

/** One transition of the task's target run (the current run when the task names none). */
async function onTarget<T>(
  context: EngineContext,
  task: TransferTask,
  transition: (mutation: ExecutionMutation) => T,
): Promise<T | undefined> {
  try {
    return await updateExecution(
      context,
      { namespaceId: task.namespaceId, workflowId: task.target.workflowId, runId: task.target.runId },
      (mutation) => transition(mutation),
    );
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}
