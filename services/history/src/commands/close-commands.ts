import { temporal, int64 } from '@kairos/proto';
import { closeWorkflow } from '../transitions/close-workflow.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

/** CompleteWorkflowExecution, FailWorkflowExecution and CancelWorkflowExecution: the run closes. */
export function completeWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.ICompleteWorkflowExecutionCommandAttributes,
): CommandResult {
  closeWorkflow(context.mutation, 'completed', 'workflowExecutionCompleted', {
    result: command.result ?? null,
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  return undefined;
}

export function failWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.IFailWorkflowExecutionCommandAttributes,
): CommandResult {
  closeWorkflow(context.mutation, 'failed', 'workflowExecutionFailed', {
    failure: command.failure ?? null,
    retryState: temporal.api.enums.v1.RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET,
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  return undefined;
}

export function cancelWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.ICancelWorkflowExecutionCommandAttributes,
): CommandResult {
  closeWorkflow(context.mutation, 'canceled', 'workflowExecutionCanceled', {
    details: command.details ?? null,
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  return undefined;
}
