import { int64, temporal } from '@kairos/proto';
import { cronBackoffMs } from '../rules/cron-schedule.ts';
import { nextRetryDelay } from '../rules/retry-policy.ts';
import { encodedHeader, encodedMemo, encodedPayloads, encodedSearchAttributes } from '../state/encoded.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { expirationOf, newRunId, startNextRun, type NextRun } from './chain-run.ts';
import { closeWorkflow } from './close-workflow.ts';
import { failInFlightTaskForClose } from './workflow-task.ts';

const { ContinueAsNewInitiator: Initiator, RetryState, TimeoutType } = temporal.api.enums.v1;
type Failure = temporal.api.failure.v1.IFailure;
type Payloads = temporal.api.common.v1.IPayloads;

/**
 * The three closes that may start another run of the workflow, as Temporal decides it: a failure
 * (FailWorkflowExecution) or a run timeout is first retried by the workflow's retry policy; when it
 * is not, and always for a completion, a cron workflow starts its next run at the next cron time.
 * The close event then names the new run (`newExecutionRunId`), which is written in the same
 * transaction. Cancel, terminate and the execution timeout never continue.
 */
export function completeRun(
  mutation: ExecutionMutation,
  completion: { result: Payloads | null | undefined; completedEventId: number },
): void {
  const cronMs = cronBackoff(mutation);
  const runId = cronMs === undefined ? '' : newRunId();
  closeWorkflow(mutation, 'completed', 'workflowExecutionCompleted', {
    result: completion.result ?? null,
    workflowTaskCompletedEventId: int64(completion.completedEventId),
    newExecutionRunId: runId,
  });
  if (cronMs !== undefined) {
    startNextRun(
      mutation,
      repeatRun(mutation.state, runId, Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE, cronMs, {
        continuedFailure: null,
        lastCompletionResult: completion.result,
      }),
    );
  }
}

export function failRun(
  mutation: ExecutionMutation,
  failed: { failure: Failure; completedEventId: number },
): void {
  const next = afterFailure(mutation, failed.failure);
  closeWorkflow(mutation, 'failed', 'workflowExecutionFailed', {
    failure: failed.failure,
    retryState: next.retryState,
    workflowTaskCompletedEventId: int64(failed.completedEventId),
    newExecutionRunId: next.run?.runId ?? '',
  });
  if (next.run) startNextRun(mutation, next.run);
}

/**
 * The run timeout (retried, or followed by the next cron run, unless the execution has expired) or
 * the execution timeout (ends the chain). An in-flight workflow task is failed first.
 */
export function timeOutRun(mutation: ExecutionMutation, timeout: 'run' | 'execution'): void {
  failInFlightTaskForClose(mutation);
  const expirationMs = expirationOf(mutation.state);
  const expired = timeout === 'execution' || (expirationMs !== undefined && mutation.now >= expirationMs);
  const next: Continuation = expired
    ? { retryState: RetryState.RETRY_STATE_TIMEOUT, run: undefined }
    : afterFailure(mutation, workflowTimeoutFailure());
  closeWorkflow(mutation, 'timed_out', 'workflowExecutionTimedOut', {
    retryState: next.retryState,
    newExecutionRunId: next.run?.runId ?? '',
  });
  if (next.run) startNextRun(mutation, next.run);
}

/** The failure a run timeout is judged (and handed on) as, as Temporal builds it. */
export function workflowTimeoutFailure(): Failure {
  return {
    message: 'workflow timeout',
    source: 'Server',
    timeoutFailureInfo: { timeoutType: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE },
  };
}

interface Continuation {
  retryState: temporal.api.enums.v1.RetryState;
  run: NextRun | undefined;
}

/** A retry when the policy allows one; else the next cron run (carrying the last good result). */
function afterFailure(mutation: ExecutionMutation, failure: Failure): Continuation {
  const state = mutation.state;
  const decision = nextRetryDelay({
    policy: state.retryPolicy,
    attempt: state.attempt ?? 1,
    failure,
    nowMs: mutation.now,
    expirationMs: expirationOf(state),
    subject: 'workflow',
  });
  if (decision.retry) {
    return {
      retryState: decision.retryState,
      run: repeatRun(state, newRunId(), Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY, decision.delayMs, {
        continuedFailure: failure,
        lastCompletionResult: null,
      }),
    };
  }
  const cronMs = cronBackoff(mutation);
  if (cronMs === undefined) return { retryState: decision.retryState, run: undefined };
  return {
    retryState: decision.retryState,
    run: repeatRun(state, newRunId(), Initiator.CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE, cronMs, {
      continuedFailure: failure,
      lastCompletionResult: encodedPayloads.decode(state.restart?.lastCompletionResult),
    }),
  };
}

function cronBackoff(mutation: ExecutionMutation): number | undefined {
  const { cronSchedule, executionTimeMs } = mutation.state;
  return cronSchedule ? cronBackoffMs(cronSchedule, executionTimeMs, mutation.now) : undefined;
}

/** The same workflow again, as it was started (Temporal repeats the run's Started event). */
function repeatRun(
  state: MutableState,
  runId: string,
  initiator: temporal.api.enums.v1.ContinueAsNewInitiator,
  backoffMs: number,
  carried: Pick<NextRun, 'continuedFailure' | 'lastCompletionResult'>,
): NextRun {
  const restart = state.restart ?? {};
  return {
    runId,
    initiator,
    backoffMs,
    workflowType: state.workflowType,
    taskQueue: state.taskQueue,
    input: encodedPayloads.decode(restart.input),
    header: encodedHeader.decode(restart.header),
    memo: encodedMemo.decode(restart.memo),
    searchAttributes: encodedSearchAttributes.decode(restart.searchAttributes),
    runTimeoutMs: state.runTimeoutMs,
    workflowTaskTimeoutMs: state.workflowTaskTimeoutMs,
    retryPolicy: state.retryPolicy,
    cronSchedule: state.cronSchedule,
    ...carried,
  };
}
