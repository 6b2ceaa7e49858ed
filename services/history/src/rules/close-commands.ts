import type { temporal } from '@kairos/proto';
import {
  WorkflowTaskFailedCause,
  rejectCommand,
  type CommandCheck,
  type CommandRejection,
} from './command-outcome.ts';
import { failureSize, payloadsSize, sizeVerdict } from './payload-limits.ts';

const Cause = WorkflowTaskFailedCause;

/** What every close command needs to know about the run. */
export interface CloseCommandContext {
  /**
   * Events (signals, activity results, fired timers...) arrived while the workflow task ran. The run
   * may not close on a stale view: the task fails with UNHANDLED_COMMAND and a new one delivers them.
   * (Temporal keeps retrying such tasks instead of dropping them after the first failed attempt.)
   */
  hasBufferedEvents: boolean;
}

export interface CompleteWorkflow {
  result: temporal.api.common.v1.IPayloads | null | undefined;
}

export interface FailWorkflow {
  failure: temporal.api.failure.v1.IFailure;
}

export interface CancelWorkflow {
  details: temporal.api.common.v1.IPayloads | null | undefined;
}

/** CompleteWorkflowExecution: attributes present; a result over the blob limit terminates the run. */
export function checkCompleteWorkflowCommand(
  attributes: temporal.api.command.v1.ICompleteWorkflowExecutionCommandAttributes | null | undefined,
  context: CloseCommandContext,
): CommandCheck<CompleteWorkflow> {
  if (context.hasBufferedEvents) return unhandled();
  const at = 'completeWorkflowExecutionCommandAttributes';
  if (!attributes) {
    return rejectCommand(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_COMPLETE_WORKFLOW_EXECUTION_ATTRIBUTES,
      at,
      'must be set',
    );
  }
  const size = payloadsSize(attributes.result);
  if (sizeVerdict(size) === 'error') {
    // Temporal reports this one with the schedule-activity cause (a slip in its handler that the
    // reference server shows); we keep it so histories read the same.
    return rejectCommand(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
      `${at}.result`,
      `is ${size} bytes, over the blob size limit`,
      { terminatesWorkflow: true },
    );
  }
  return { ok: true, attributes: { result: attributes.result } };
}

/** FailWorkflowExecution: attributes and a failure present; a failure over the blob limit terminates the run. */
export function checkFailWorkflowCommand(
  attributes: temporal.api.command.v1.IFailWorkflowExecutionCommandAttributes | null | undefined,
  context: CloseCommandContext,
): CommandCheck<FailWorkflow> {
  if (context.hasBufferedEvents) return unhandled();
  const at = 'failWorkflowExecutionCommandAttributes';
  const cause = Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES;
  if (!attributes) return rejectCommand(cause, at, 'must be set');
  if (!attributes.failure) return rejectCommand(cause, `${at}.failure`, 'must be set');
  const size = failureSize(attributes.failure);
  if (sizeVerdict(size) === 'error') {
    return rejectCommand(cause, `${at}.failure`, `is ${size} bytes, over the blob size limit`, {
      terminatesWorkflow: true,
    });
  }
  return { ok: true, attributes: { failure: attributes.failure } };
}

/** CancelWorkflowExecution: attributes present (Temporal checks no sizes here). */
export function checkCancelWorkflowCommand(
  attributes: temporal.api.command.v1.ICancelWorkflowExecutionCommandAttributes | null | undefined,
  context: CloseCommandContext,
): CommandCheck<CancelWorkflow> {
  if (context.hasBufferedEvents) return unhandled();
  if (!attributes) {
    return rejectCommand(
      Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_WORKFLOW_EXECUTION_ATTRIBUTES,
      'cancelWorkflowExecutionCommandAttributes',
      'must be set',
    );
  }
  return { ok: true, attributes: { details: attributes.details } };
}

/** Temporal sends this cause without a message: the failure text is just `UnhandledCommand`. */
function unhandled(): CommandRejection {
  return rejectCommand(Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, undefined, '');
}
