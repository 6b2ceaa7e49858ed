import { temporal, int64 } from '@kairos/proto';
import { closeWorkflow } from '../transitions/close-workflow.ts';
import { completeRun, failRun } from '../transitions/close-run.ts';
import {
  checkCancelWorkflowCommand,
  checkCompleteWorkflowCommand,
  checkFailWorkflowCommand,
} from '../rules/close-commands.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

/**
 * CompleteWorkflowExecution, FailWorkflowExecution and CancelWorkflowExecution: the run closes (a
 * retry policy or cron schedule may start the next run: transitions/close-run.ts).
 */
export function completeWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.ICompleteWorkflowExecutionCommandAttributes,
): CommandResult {
  const checked = checkCompleteWorkflowCommand(command, closeContext(context));
  if (!checked.ok) return checked;
  completeRun(context.mutation, {
    result: checked.attributes.result,
    completedEventId: context.completedEventId,
  });
  return undefined;
}

export function failWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.IFailWorkflowExecutionCommandAttributes,
): CommandResult {
  const checked = checkFailWorkflowCommand(command, closeContext(context));
  if (!checked.ok) return checked;
  failRun(context.mutation, {
    failure: checked.attributes.failure,
    completedEventId: context.completedEventId,
  });
  return undefined;
}

export function cancelWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.ICancelWorkflowExecutionCommandAttributes,
): CommandResult {
  const checked = checkCancelWorkflowCommand(command, closeContext(context));
  if (!checked.ok) return checked;
  closeWorkflow(context.mutation, 'canceled', 'workflowExecutionCanceled', {
    details: checked.attributes.details ?? null,
    workflowTaskCompletedEventId: int64(context.completedEventId),
  });
  return undefined;
}

/** Buffered events were already checked by the caller (a close over them fails the task first). */
function closeContext(context: CommandContext) {
  return { hasBufferedEvents: context.mutation.state.bufferedEvents.length > 0 };
}
