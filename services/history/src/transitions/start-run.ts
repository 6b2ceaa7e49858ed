import { int64, msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import { encodedHeader, encodedMemo, encodedPayloads, encodedSearchAttributes } from '../state/encoded.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { ExecutionLink, MutableState, ParentLink, RetryPolicyState } from '../state/mutable-state.ts';
import { scheduleWorkflowTask } from './workflow-task.ts';

type Payloads = temporal.api.common.v1.IPayloads;

/** Everything a new run of a workflow starts with: a client's start, or the next run of a chain. */
export interface NewRun {
  namespaceId: string;
  workflowId: string;
  runId: string;
  /** The chain's first run (this run itself for a client's start). */
  firstExecutionRunId: string;
  workflowType: string;
  taskQueue: string;
  input: Payloads | null | undefined;
  header: temporal.api.common.v1.IHeader | null | undefined;
  memo: temporal.api.common.v1.IMemo | null | undefined;
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined;
  executionTimeoutMs: number | undefined;
  runTimeoutMs: number | undefined;
  workflowTaskTimeoutMs: number;
  /** When the execution timeout ends the chain; a chained run keeps its predecessor's. */
  executionExpirationTimeMs: number | undefined;
  retryPolicy: RetryPolicyState | undefined;
  cronSchedule: string | undefined;
  /** Start delay, cron wait, retry backoff or continue-as-new backoff before the first workflow task. */
  firstWorkflowTaskBackoffMs: number;
  attempt: number;
  requestId: string;
  /** Set for a client's start; chained runs have none (as in Temporal). */
  identity: string | undefined;
  initiator: temporal.api.enums.v1.ContinueAsNewInitiator | undefined;
  /** The run this one continues (continue-as-new, retry, cron). */
  continuedExecutionRunId: string | undefined;
  continuedFailure: temporal.api.failure.v1.IFailure | null | undefined;
  lastCompletionResult: Payloads | null | undefined;
  /** A child workflow's parent and the root of its tree (every run of the child's chain keeps them). */
  parent?: ParentLink;
  root?: ExecutionLink;
}

/** A signal delivered with the start (SignalWithStartWorkflowExecution), right after the Started event. */
export interface StartSignal {
  signalName: string;
  input?: Payloads | null;
  header?: temporal.api.common.v1.IHeader | null;
  identity: string;
}

/**
 * The first transition of a run: its mutable state, WorkflowExecutionStarted (and a delivered
 * signal), then the first workflow task, or the backoff timer that holds it back, and the run and
 * execution timeout timers.
 */
export function startRun(run: NewRun, now: number, signal?: StartSignal): ExecutionMutation {
  const backoffMs = run.firstWorkflowTaskBackoffMs;
  const mutation = new ExecutionMutation(initialState(run, now), now);
  mutation.append('workflowExecutionStarted', startedAttributes(run));
  if (signal) {
    mutation.append('workflowExecutionSignaled', {
      signalName: signal.signalName,
      input: signal.input ?? null,
      header: signal.header ?? null,
      identity: signal.identity,
    });
  }
  if (backoffMs > 0) mutation.addTimer(now + backoffMs, { type: 'workflow-backoff' });
  else scheduleWorkflowTask(mutation);
  const executionTimeMs = now + backoffMs;
  const expirationMs = run.executionExpirationTimeMs;
  // A run timeout that ends no earlier than the execution timeout is left to the latter, which is
  // the one Temporal reports (RETRY_STATE_TIMEOUT).
  if (
    run.runTimeoutMs !== undefined &&
    (expirationMs === undefined || executionTimeMs + run.runTimeoutMs < expirationMs)
  ) {
    mutation.addTimer(executionTimeMs + run.runTimeoutMs, { type: 'workflow-run-timeout' });
  }
  if (expirationMs !== undefined) mutation.addTimer(expirationMs, { type: 'workflow-execution-timeout' });
  return mutation;
}

/** A new run's mutable state before any event; a reset run's starts from the same (reset/started-state.ts). */
export function initialState(run: NewRun, now: number): MutableState {
  const state: MutableState = {
    namespaceId: run.namespaceId,
    workflowId: run.workflowId,
    runId: run.runId,
    firstExecutionRunId: run.firstExecutionRunId,
    workflowType: run.workflowType,
    taskQueue: run.taskQueue,
    status: 'running',
    startTimeMs: now,
    executionTimeMs: now + run.firstWorkflowTaskBackoffMs,
    executionTimeoutMs: run.executionTimeoutMs,
    runTimeoutMs: run.runTimeoutMs,
    workflowTaskTimeoutMs: run.workflowTaskTimeoutMs,
    startRequestId: run.requestId,
    nextEventId: 1,
    lastCompletedWorkflowTaskStartedEventId: 0,
    firstWorkflowTaskBackoff: run.firstWorkflowTaskBackoffMs > 0,
    activities: {},
    timers: {},
    bufferedEvents: [],
    cancelRequested: false,
    appliedRequestIds: [],
    historySizeBytes: 0,
    searchAttributes: encodedSearchAttributes.encode(run.searchAttributes),
    memo: encodedMemo.encode(run.memo),
    stateTransitionCount: 1,
    attempt: run.attempt,
    retryPolicy: run.retryPolicy,
    cronSchedule: run.cronSchedule || undefined,
    executionExpirationTimeMs: run.executionExpirationTimeMs,
    ...(run.parent ? { parent: run.parent } : {}),
    ...(run.root ? { root: run.root } : {}),
  };
  if (run.retryPolicy || run.cronSchedule) {
    state.restart = {
      input: encodedPayloads.encode(run.input),
      header: encodedHeader.encode(run.header),
      memo: state.memo,
      searchAttributes: state.searchAttributes,
      lastCompletionResult: encodedPayloads.encode(run.lastCompletionResult),
    };
  }
  return state;
}

function startedAttributes(run: NewRun): temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes {
  const backoffMs = run.firstWorkflowTaskBackoffMs;
  return {
    workflowType: { name: run.workflowType },
    taskQueue: { name: run.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    input: run.input ?? null,
    header: run.header ?? null,
    workflowExecutionTimeout: optionalDuration(run.executionTimeoutMs),
    workflowRunTimeout: optionalDuration(run.runTimeoutMs),
    workflowTaskTimeout: msToDuration(run.workflowTaskTimeoutMs),
    continuedExecutionRunId: run.continuedExecutionRunId ?? '',
    initiator:
      run.initiator ?? temporal.api.enums.v1.ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED,
    continuedFailure: run.continuedFailure ?? null,
    lastCompletionResult: run.lastCompletionResult ?? null,
    // Temporal: each run of a chain is its own "original" run; the first run is the chain's.
    originalExecutionRunId: run.runId,
    identity: run.identity ?? '',
    firstExecutionRunId: run.firstExecutionRunId,
    retryPolicy: run.retryPolicy ? retryPolicyMessage(run.retryPolicy) : null,
    attempt: run.attempt,
    workflowExecutionExpirationTime:
      run.executionExpirationTimeMs === undefined ? null : msToTimestamp(run.executionExpirationTimeMs),
    cronSchedule: run.cronSchedule ?? '',
    firstWorkflowTaskBackoff: backoffMs > 0 ? msToDuration(backoffMs) : null,
    memo: run.memo ?? null,
    searchAttributes: run.searchAttributes ?? null,
    workflowId: run.workflowId,
    ...(run.parent ? parentAttributes(run.parent, run.root) : {}),
  };
}

/** What a child's WorkflowExecutionStarted says about its parent and root. */
export function parentAttributes(
  parent: ParentLink,
  root: ExecutionLink | undefined,
): temporal.api.history.v1.IWorkflowExecutionStartedEventAttributes {
  return {
    parentWorkflowNamespace: parent.namespace,
    parentWorkflowNamespaceId: parent.namespaceId,
    parentWorkflowExecution: { workflowId: parent.workflowId, runId: parent.runId },
    parentInitiatedEventId: int64(parent.initiatedEventId),
    rootWorkflowExecution: root ?? { workflowId: parent.workflowId, runId: parent.runId },
  };
}

/** The normalised policy as the Started event shows it (Temporal records it with defaults filled). */
export function retryPolicyMessage(policy: RetryPolicyState): temporal.api.common.v1.IRetryPolicy {
  return {
    initialInterval: msToDuration(policy.initialIntervalMs),
    backoffCoefficient: policy.backoffCoefficient,
    maximumInterval: msToDuration(policy.maximumIntervalMs),
    maximumAttempts: policy.maximumAttempts,
    nonRetryableErrorTypes: [...policy.nonRetryableErrorTypes],
  };
}

function optionalDuration(ms: number | undefined) {
  return ms === undefined ? null : msToDuration(ms);
}
