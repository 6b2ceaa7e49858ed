import { temporal } from '@kairos/proto';
import { nextRetryDelay } from '../rules/retry-policy.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { ActivityInfo } from '../state/mutable-state.ts';

export type RetryDecision =
  { retry: true; delayMs: number } | { retry: false; retryState: temporal.api.enums.v1.RetryState };

/**
 * Whether a failed attempt is retried, by the activity's retry policy (rules/retry-policy.ts, which
 * also knows that schedule-to-start/close timeouts and cancel requests end retries), and the
 * RetryState Temporal records when it is not.
 */
export function retryDecision(
  mutation: ExecutionMutation,
  activity: ActivityInfo,
  failure: temporal.api.failure.v1.IFailure,
): RetryDecision {
  const expirationMs =
    activity.scheduleToCloseTimeoutMs === undefined
      ? undefined
      : activity.scheduledTimeMs + activity.scheduleToCloseTimeoutMs;
  const decision = nextRetryDelay({
    policy: activity.retryPolicy,
    attempt: activity.attempt,
    failure,
    nowMs: mutation.now,
    expirationMs,
    cancelRequested: activity.cancelRequested,
  });
  if (decision.retry) return { retry: true, delayMs: decision.delayMs };
  return { retry: false, retryState: decision.retryState };
}
