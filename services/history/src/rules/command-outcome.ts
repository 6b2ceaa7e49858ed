import type { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { maxIdLength } from './limits.ts';

export type WorkflowTaskFailedCause = temporal.api.enums.v1.WorkflowTaskFailedCause;
export const WorkflowTaskFailedCause = temporal.api.enums.v1.WorkflowTaskFailedCause;

/**
 * A command the workflow task may not carry. History then fails the workflow task (a
 * WorkflowTaskFailed event with this cause, a new workflow task, and INVALID_ARGUMENT to the worker
 * with `workflowTaskFailureMessage`); when `terminatesWorkflow` is set (a payload over the blob limit,
 * which a retry cannot fix) it also terminates the run with that message as the reason, identity
 * `history-service`. This is what Temporal does.
 */
export interface CommandRejection {
  ok: false;
  cause: WorkflowTaskFailedCause;
  /** `<field>: <problem>`; empty for UNHANDLED_COMMAND, which Temporal reports by its cause alone. */
  message: string;
  /** The attribute at fault, as a path inside the Command message, when there is one. */
  field?: string;
  terminatesWorkflow: boolean;
}

export type CommandCheck<Attributes> = { ok: true; attributes: Attributes } | CommandRejection;

export function rejectCommand(
  cause: WorkflowTaskFailedCause,
  field: string | undefined,
  problem: string,
  options: { terminatesWorkflow?: boolean } = {},
): CommandRejection {
  return {
    ok: false,
    cause,
    message: field === undefined ? problem : `${field}: ${problem}`,
    ...(field === undefined ? {} : { field }),
    terminatesWorkflow: options.terminatesWorkflow ?? false,
  };
}

/** A rejection carrying a field-level InvalidArgument's message and field (e.g. from normalizeRetryPolicy). */
export function rejectionFromInvalidArgument(
  cause: WorkflowTaskFailedCause,
  error: InvalidArgument,
): CommandRejection {
  return {
    ok: false,
    cause,
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
    terminatesWorkflow: false,
  };
}

/** `WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES` → `BadStartTimerAttributes` (Temporal's short form). */
export function causeShortName(cause: WorkflowTaskFailedCause): string {
  const name = WorkflowTaskFailedCause[cause] as string | undefined;
  return name === undefined ? String(cause) : pascalCase(name.replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, ''));
}

/**
 * The text Temporal puts in the WorkflowTaskFailed event's failure (a ServerFailure, retryable), in the
 * INVALID_ARGUMENT it answers the worker with, and in the termination reason:
 * `BadStartTimerAttributes: <message>`, or the short cause name alone when there is no message
 * (UNHANDLED_COMMAND).
 */
export function workflowTaskFailureMessage(rejection: Pick<CommandRejection, 'cause' | 'message'>): string {
  const cause = causeShortName(rejection.cause);
  return rejection.message === '' ? cause : `${cause}: ${rejection.message}`;
}

/** SCREAMING_SNAKE → PascalCase, the way Temporal prints its enums. */
export function pascalCase(screamingSnake: string): string {
  return screamingSnake
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * What is wrong with an id or name (activity id, timer id, marker name, type names), or undefined.
 * Temporal measures ids in UTF-8 bytes, so we do too.
 */
export function idProblem(value: string | null | undefined): string | undefined {
  if (!value) return 'must be set';
  const bytes = Buffer.byteLength(value, 'utf8');
  return bytes > maxIdLength ? `must be at most ${maxIdLength} bytes, got ${bytes}` : undefined;
}
