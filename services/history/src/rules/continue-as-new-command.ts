import { temporal } from '@kairos/proto';
import {
  WorkflowTaskFailedCause,
  rejectCommand,
  type CommandCheck,
  type CommandRejection,
} from './command-outcome.ts';
import { defaultWorkflowTaskTimeoutMs, maxWorkflowTaskTimeoutMs } from './limits.ts';
import { checkNewRunRetryAndSearchAttributes, checkNewRunTypeAndQueue } from './new-run-command.ts';
import type { SearchAttributeLookup } from './search-attribute-value.ts';
import { memoSize, memoSizeLimits, payloadsSize, sizeVerdict } from './payload-limits.ts';
import { readDuration } from './proto-duration.ts';
import type { NormalizedRetryPolicy } from './retry-policy.ts';
import { searchAttributesSizeProblem } from './search-attribute-limits.ts';

type Attributes = temporal.api.command.v1.IContinueAsNewWorkflowExecutionCommandAttributes;
const at = 'continueAsNewWorkflowExecutionCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES;

/** What the next run starts with, after Temporal's defaulting. Timeouts of 0 mean "none". */
export interface NormalizedContinueAsNew {
  workflowType: string;
  taskQueue: string;
  /** The run timeout, at most the execution timeout (which the chain keeps). */
  workflowRunTimeoutMs: number;
  /** At most 120 s and never longer than the run timeout. */
  workflowTaskTimeoutMs: number;
  /** As the command asked (the minimal interval between runs is applied when the run starts). */
  backoffStartIntervalMs: number;
  /** Undefined: the new run is not retried (Temporal does not inherit the old run's policy). */
  retryPolicy: NormalizedRetryPolicy | undefined;
  cronSchedule: string;
  initiator: temporal.api.enums.v1.ContinueAsNewInitiator;
  /** Passed through to the ContinuedAsNew and the new run's WorkflowExecutionStarted events. */
  input: temporal.api.common.v1.IPayloads | null | undefined;
  header: temporal.api.common.v1.IHeader | null | undefined;
  memo: temporal.api.common.v1.IMemo | null | undefined;
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined;
  failure: temporal.api.failure.v1.IFailure | null | undefined;
  lastCompletionResult: temporal.api.common.v1.IPayloads | null | undefined;
  inheritBuildId: boolean;
}

export interface ContinueAsNewContext {
  /** Events arrived while the task ran: the run may not close on a stale view (UNHANDLED_COMMAND). */
  hasBufferedEvents: boolean;
  /** The namespace's search attributes; without it names and value types go unchecked. */
  searchAttributeLookup?: SearchAttributeLookup;
  /** The closing run, whose type, queue and timeouts fill what the command leaves unset. */
  run: {
    workflowType: string;
    taskQueue: string;
    runTimeoutMs: number | undefined;
    executionTimeoutMs: number | undefined;
    workflowTaskTimeoutMs: number;
  };
}

/**
 * A ContinueAsNewWorkflowExecution command as Temporal's history checks it, in its order: new events
 * pending fail the task (UNHANDLED_COMMAND); attributes present; workflow type (default: the run's)
 * at most 1000 bytes; task queue (default: the run's) valid; run timeout, task timeout and backoff
 * not negative; the retry policy (defaults filled, then validated); search attribute count
 * (BAD_SEARCH_ATTRIBUTES); inheritBuildId only on the same task queue. Then sizes, which terminate
 * the run: input over 2 MB, memo over 2 MB, search attributes over 2 KB a value or 40 KB in all.
 */
export function checkContinueAsNewCommand(
  attributes: Attributes | null | undefined,
  context: ContinueAsNewContext,
): CommandCheck<NormalizedContinueAsNew> {
  if (context.hasBufferedEvents) {
    return rejectCommand(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, undefined, '');
  }
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const { run } = context;
  const target = checkNewRunTypeAndQueue(attributes, run, badAttributes, at);
  if (!target.ok) return target;
  const { workflowType, taskQueue } = target.attributes;
  const durations = readDurations(attributes);
  if (!durations.ok) return durations;
  const executionMs = run.executionTimeoutMs ?? 0;
  const requestedRunMs = durations.runMs || (run.runTimeoutMs ?? 0);
  const workflowRunTimeoutMs =
    executionMs === 0
      ? requestedRunMs
      : requestedRunMs === 0
        ? executionMs
        : Math.min(requestedRunMs, executionMs);
  const requestedTaskMs = durations.taskMs || run.workflowTaskTimeoutMs || defaultWorkflowTaskTimeoutMs;
  const cappedTaskMs = Math.min(requestedTaskMs, maxWorkflowTaskTimeoutMs);
  const workflowTaskTimeoutMs =
    workflowRunTimeoutMs === 0 ? cappedTaskMs : Math.min(cappedTaskMs, workflowRunTimeoutMs);

  const policies = checkNewRunRetryAndSearchAttributes(
    attributes,
    badAttributes,
    at,
    context.searchAttributeLookup,
  );
  if (!policies.ok) return policies;
  if (attributes.inheritBuildId && taskQueue !== run.taskQueue) {
    return rejectCommand(
      badAttributes,
      `${at}.inheritBuildId`,
      'cannot be set when continuing on another task queue',
    );
  }
  const oversize = sizeProblem(attributes);
  if (oversize) return oversize;
  return {
    ok: true,
    attributes: {
      workflowType,
      taskQueue,
      workflowRunTimeoutMs,
      workflowTaskTimeoutMs,
      backoffStartIntervalMs: durations.backoffMs,
      retryPolicy: policies.attributes.retryPolicy,
      cronSchedule: attributes.cronSchedule ?? '',
      initiator:
        attributes.initiator ??
        temporal.api.enums.v1.ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED,
      input: attributes.input,
      header: attributes.header,
      memo: attributes.memo,
      searchAttributes: attributes.searchAttributes,
      failure: attributes.failure,
      lastCompletionResult: attributes.lastCompletionResult,
      inheritBuildId: attributes.inheritBuildId ?? false,
    },
  };
}

function readDurations(
  attributes: Attributes,
): { ok: true; runMs: number; taskMs: number; backoffMs: number } | CommandRejection {
  const run = readDuration(attributes.workflowRunTimeout);
  if (!run.ok) return rejectCommand(badAttributes, `${at}.workflowRunTimeout`, run.problem);
  const task = readDuration(attributes.workflowTaskTimeout);
  if (!task.ok) return rejectCommand(badAttributes, `${at}.workflowTaskTimeout`, task.problem);
  const backoff = readDuration(attributes.backoffStartInterval);
  if (!backoff.ok) return rejectCommand(badAttributes, `${at}.backoffStartInterval`, backoff.problem);
  return { ok: true, runMs: run.ms, taskMs: task.ms, backoffMs: backoff.ms };
}

function sizeProblem(attributes: Attributes): CommandRejection | undefined {
  const inputSize = payloadsSize(attributes.input);
  if (sizeVerdict(inputSize) === 'error') {
    return rejectCommand(badAttributes, `${at}.input`, `is ${inputSize} bytes, over the blob size limit`, {
      terminatesWorkflow: true,
    });
  }
  const memoBytes = memoSize(attributes.memo);
  if (sizeVerdict(memoBytes, memoSizeLimits) === 'error') {
    return rejectCommand(badAttributes, `${at}.memo`, `is ${memoBytes} bytes, over the memo size limit`, {
      terminatesWorkflow: true,
    });
  }
  const tooBig = searchAttributesSizeProblem(attributes.searchAttributes?.indexedFields);
  if (tooBig) {
    return rejectCommand(badAttributes, `${at}.searchAttributes.${tooBig.field}`, tooBig.problem, {
      terminatesWorkflow: true,
    });
  }
  return undefined;
}
