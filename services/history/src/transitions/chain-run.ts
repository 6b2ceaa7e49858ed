import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import { continueAsNewMinBackoffMs } from '../rules/run-chain.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { RetryPolicyState } from '../state/mutable-state.ts';
import { startRun, type NewRun } from './start-run.ts';

const Initiator = temporal.api.enums.v1.ContinueAsNewInitiator;
type Initiator = temporal.api.enums.v1.ContinueAsNewInitiator;

/** What differs between the closing run and the run that continues it. */
export interface NextRun {
  runId: string;
  initiator: Initiator;
  /** Before the minimal interval between runs is applied. */
  backoffMs: number;
  workflowType: string;
  taskQueue: string;
  input: NewRun['input'];
  header: NewRun['header'];
  memo: NewRun['memo'];
  searchAttributes: NewRun['searchAttributes'];
  runTimeoutMs: number | undefined;
  workflowTaskTimeoutMs: number;
  retryPolicy: RetryPolicyState | undefined;
  cronSchedule: string | undefined;
  continuedFailure: NewRun['continuedFailure'];
  lastCompletionResult: NewRun['lastCompletionResult'];
}

/** A fresh run id for the run a close event names as its `newExecutionRunId`. */
export function newRunId(): string {
  return randomUUID();
}

/**
 * Starts the run that continues the mutation's run under the same workflow id, in the same
 * transaction (it becomes the current run when the mutation is written). The chain keeps its first
 * run id and its execution timeout (and expiration); a retry counts the attempt up, anything else
 * starts again at attempt 1; the first workflow task waits at least until the minimal interval
 * between runs has passed.
 */
export function startNextRun(mutation: ExecutionMutation, next: NextRun): ExecutionMutation {
  const previous = mutation.state;
  const successor = startRun(
    {
      namespaceId: previous.namespaceId,
      workflowId: previous.workflowId,
      runId: next.runId,
      firstExecutionRunId: previous.firstExecutionRunId,
      workflowType: next.workflowType,
      taskQueue: next.taskQueue,
      input: next.input,
      header: next.header,
      memo: next.memo,
      searchAttributes: next.searchAttributes,
      executionTimeoutMs: previous.executionTimeoutMs,
      runTimeoutMs: next.runTimeoutMs,
      workflowTaskTimeoutMs: next.workflowTaskTimeoutMs,
      executionExpirationTimeMs: expirationOf(previous),
      retryPolicy: next.retryPolicy,
      cronSchedule: next.cronSchedule,
      firstWorkflowTaskBackoffMs: continueAsNewMinBackoffMs({
        previousExecutionTimeMs: previous.executionTimeMs,
        nowMs: mutation.now,
        requestedBackoffMs: next.backoffMs,
      }),
      attempt: next.initiator === Initiator.CONTINUE_AS_NEW_INITIATOR_RETRY ? (previous.attempt ?? 1) + 1 : 1,
      requestId: randomUUID(),
      identity: undefined,
      initiator: next.initiator,
      continuedExecutionRunId: previous.runId,
      continuedFailure: next.continuedFailure,
      lastCompletionResult: next.lastCompletionResult,
      // A child's later runs are still the parent's child (the parent hears of the last one's close).
      parent: previous.parent,
      root: previous.root,
    },
    mutation.now,
  );
  // Request ids applied by the chain so far (already bounded, see firstTimeRequest) stay applied: a
  // signal or cancel redelivered without a run id reaches this run and must not apply twice. Simpler
  // than pinning the run a first delivery reached, which the already-written outbox task cannot carry.
  successor.state.appliedRequestIds = [...previous.appliedRequestIds];
  mutation.successor = successor;
  return successor;
}

/** When the chain's execution timeout ends it (runs written before it was kept: from the start). */
export function expirationOf(state: ExecutionMutation['state']): number | undefined {
  if (state.executionExpirationTimeMs !== undefined) return state.executionExpirationTimeMs;
  return state.executionTimeoutMs === undefined ? undefined : state.startTimeMs + state.executionTimeoutMs;
}
