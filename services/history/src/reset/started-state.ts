import { FailedPrecondition } from '@kairos/errors';
import { durationToMs, int64ToNumber, temporal, timestampToMs } from '@kairos/proto';
import { normalizeRetryPolicy } from '../rules/retry-policy.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { initialState } from '../transitions/start-run.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** What the reset run takes from outside its copied events: who it is and when it starts. */
export interface ResetRunIdentity {
  namespaceId: string;
  workflowId: string;
  runId: string;
  /** The reset's request id: the new run's start request id (dedupes a retried reset). */
  requestId: string;
  now: number;
}

/**
 * The mutable state a run's WorkflowExecutionStarted event describes, before any other event: what
 * start-run.ts builds for a fresh run, read back from the recorded event instead of a request. The run
 * starts now with no backoff (Temporal gives a reset run a new start time); the chain's expiration
 * stays as recorded. Parent links are the caller's to carry over.
 */
export function stateFromStartedEvent(event: IHistoryEvent | undefined, run: ResetRunIdentity): MutableState {
  const started = event?.workflowExecutionStartedEventAttributes;
  if (!event || !started || int64ToNumber(event.eventId) !== 1) {
    throw new FailedPrecondition('reset: the base run history does not begin with WorkflowExecutionStarted');
  }
  return initialState(
    {
      namespaceId: run.namespaceId,
      workflowId: run.workflowId,
      runId: run.runId,
      firstExecutionRunId: started.firstExecutionRunId || started.originalExecutionRunId || run.runId,
      workflowType: started.workflowType?.name ?? '',
      taskQueue: started.taskQueue?.name ?? '',
      input: started.input,
      header: started.header,
      memo: started.memo,
      searchAttributes: started.searchAttributes,
      executionTimeoutMs: positive(durationToMs(started.workflowExecutionTimeout)),
      runTimeoutMs: positive(durationToMs(started.workflowRunTimeout)),
      workflowTaskTimeoutMs: positive(durationToMs(started.workflowTaskTimeout)) ?? 10_000,
      executionExpirationTimeMs: timestampToMs(started.workflowExecutionExpirationTime) || undefined,
      retryPolicy: started.retryPolicy
        ? normalizeRetryPolicy(started.retryPolicy, { field: 'retryPolicy' })
        : undefined,
      cronSchedule: started.cronSchedule || undefined,
      firstWorkflowTaskBackoffMs: 0,
      attempt: started.attempt || 1,
      requestId: run.requestId,
      identity: started.identity || undefined,
      initiator: started.initiator ?? undefined,
      continuedExecutionRunId: started.continuedExecutionRunId || undefined,
      continuedFailure: started.continuedFailure,
      lastCompletionResult: started.lastCompletionResult,
    },
    run.now,
  );
}

function positive(ms: number | undefined): number | undefined {
  return ms !== undefined && ms > 0 ? ms : undefined;
}
