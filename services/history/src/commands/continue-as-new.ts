import { int64, msToDuration, temporal } from '@kairos/proto';
import { checkContinueAsNewCommand } from '../rules/continue-as-new-command.ts';
import { newRunId, startNextRun } from '../transitions/chain-run.ts';
import { closeWorkflow } from '../transitions/close-workflow.ts';
import type { CommandContext, CommandResult } from './command-context.ts';

const Initiator = temporal.api.enums.v1.ContinueAsNewInitiator;

/**
 * ContinueAsNewWorkflowExecution: the run closes with WorkflowExecutionContinuedAsNew and a new run of
 * the same workflow id starts in the same transaction (events 1-2 of its own history, or a backoff),
 * keeping the chain's first run id and execution timeout. The command's initiator is recorded as sent;
 * the new run's Started event says WORKFLOW when it was left unspecified, as Temporal does.
 */
export function continueAsNewWorkflowExecution(
  context: CommandContext,
  command: temporal.api.command.v1.IContinueAsNewWorkflowExecutionCommandAttributes,
): CommandResult {
  const { mutation } = context;
  const state = mutation.state;
  const checked = checkContinueAsNewCommand(command, {
    hasBufferedEvents: state.bufferedEvents.length > 0,
    searchAttributeLookup: context.searchAttributeLookup,
    run: {
      workflowType: state.workflowType,
      taskQueue: state.taskQueue,
      runTimeoutMs: state.runTimeoutMs,
      executionTimeoutMs: state.executionTimeoutMs,
      workflowTaskTimeoutMs: state.workflowTaskTimeoutMs,
    },
  });
  if (!checked.ok) return checked;
  const next = checked.attributes;
  const runId = newRunId();
  closeWorkflow(mutation, 'continued_as_new', 'workflowExecutionContinuedAsNew', {
    newExecutionRunId: runId,
    workflowType: { name: next.workflowType },
    taskQueue: { name: next.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    input: next.input ?? null,
    workflowRunTimeout: next.workflowRunTimeoutMs > 0 ? msToDuration(next.workflowRunTimeoutMs) : null,
    workflowTaskTimeout: msToDuration(next.workflowTaskTimeoutMs),
    workflowTaskCompletedEventId: int64(context.completedEventId),
    backoffStartInterval: next.backoffStartIntervalMs > 0 ? msToDuration(next.backoffStartIntervalMs) : null,
    initiator: next.initiator,
    failure: next.failure ?? null,
    lastCompletionResult: next.lastCompletionResult ?? null,
    header: next.header ?? null,
    memo: next.memo ?? null,
    searchAttributes: next.searchAttributes ?? null,
    inheritBuildId: next.inheritBuildId,
  });
  startNextRun(mutation, {
    runId,
    initiator:
      next.initiator === Initiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED
        ? Initiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW
        : next.initiator,
    backoffMs: next.backoffStartIntervalMs,
    workflowType: next.workflowType,
    taskQueue: next.taskQueue,
    input: next.input,
    header: next.header,
    memo: next.memo,
    searchAttributes: next.searchAttributes,
    runTimeoutMs: next.workflowRunTimeoutMs > 0 ? next.workflowRunTimeoutMs : undefined,
    workflowTaskTimeoutMs: next.workflowTaskTimeoutMs,
    retryPolicy: next.retryPolicy,
    cronSchedule: next.cronSchedule || undefined,
    continuedFailure: next.failure,
    lastCompletionResult: next.lastCompletionResult,
  });
  return undefined;
}
