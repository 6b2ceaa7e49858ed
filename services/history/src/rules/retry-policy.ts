import { InvalidArgument } from '@kairos/errors';
import { durationToMs, temporal } from '@kairos/proto';
import { readDuration } from './proto-duration.ts';
import { isRetryableFailure, parseTimeoutTypeName, timeoutFailureTypePrefix } from './retryable-failure.ts';

type RetryPolicy = temporal.api.common.v1.IRetryPolicy;
type Failure = temporal.api.failure.v1.IFailure;
const RetryState = temporal.api.enums.v1.RetryState;
const TimeoutType = temporal.api.enums.v1.TimeoutType;

/** A retry policy with every default filled in; the shape mutable state keeps (RetryPolicyState). */
export interface NormalizedRetryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** Total attempts including the first; 0 means unlimited. */
  maximumAttempts: number;
  nonRetryableErrorTypes: string[];
}

/** What fills a policy's unset (zero) fields: Temporal's `DefaultRetrySettings`. */
export interface RetryPolicyDefaults {
  initialIntervalMs: number;
  backoffCoefficient: number;
  /** The maximum interval, when unset, is this many initial intervals. */
  maximumIntervalCoefficient: number;
  maximumAttempts: number;
}

/** Temporal's defaults for activities, and for the unset fields of a workflow's explicit policy. */
export const defaultRetryPolicySettings: Readonly<RetryPolicyDefaults> = Object.freeze({
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  maximumIntervalCoefficient: 100,
  maximumAttempts: 0,
});

export interface NormalizeRetryPolicyOptions {
  /** Path of the policy in the request, for error messages, e.g. `retryPolicy`. */
  field: string;
  defaults?: RetryPolicyDefaults;
}

/**
 * Fill a policy's unset fields and validate the result, as Temporal does for an activity (an absent
 * policy is all defaults) and for a workflow's explicit policy. Throws InvalidArgument naming the
 * sub-field (`<field>.backoffCoefficient`). A policy of exactly one attempt is accepted as it stands:
 * nothing else in it can matter, so Temporal skips the checks (and so do we).
 */
export function normalizeRetryPolicy(
  policy: RetryPolicy | null | undefined,
  options: NormalizeRetryPolicyOptions,
): NormalizedRetryPolicy {
  const defaults = options.defaults ?? defaultRetryPolicySettings;
  const rawInitialMs = intervalMs(policy?.initialInterval);
  const initialIntervalMs = rawInitialMs === 0 ? defaults.initialIntervalMs : rawInitialMs;
  const rawMaximumMs = intervalMs(policy?.maximumInterval);
  const normalized: NormalizedRetryPolicy = {
    initialIntervalMs,
    // `||` also turns a NaN coefficient into the default (Temporal would keep NaN and compute nonsense).
    backoffCoefficient: policy?.backoffCoefficient || defaults.backoffCoefficient,
    maximumIntervalMs:
      rawMaximumMs === 0 ? Math.trunc(defaults.maximumIntervalCoefficient) * initialIntervalMs : rawMaximumMs,
    maximumAttempts: policy?.maximumAttempts || defaults.maximumAttempts,
    nonRetryableErrorTypes: [...(policy?.nonRetryableErrorTypes ?? [])],
  };
  if (normalized.maximumAttempts !== 1) validate(policy, normalized, options.field);
  return normalized;
}

/** A valid interval capped at 100 years; an invalid one as written (kept only by one-attempt policies). */
function intervalMs(duration: RetryPolicy['initialInterval']): number {
  const reading = readDuration(duration);
  return reading.ok ? reading.ms : (durationToMs(duration) ?? 0);
}

/** A workflow's policy: none means the workflow is never retried; a given one is normalised. */
export function normalizeWorkflowRetryPolicy(
  policy: RetryPolicy | null | undefined,
  field: string,
): NormalizedRetryPolicy | undefined {
  return policy ? normalizeRetryPolicy(policy, { field }) : undefined;
}

function validate(
  policy: RetryPolicy | null | undefined,
  normalized: NormalizedRetryPolicy,
  field: string,
): void {
  const initial = readDuration(policy?.initialInterval);
  if (!initial.ok) throw InvalidArgument.forField(`${field}.initialInterval`, initial.problem);
  if (normalized.backoffCoefficient < 1) {
    throw InvalidArgument.forField(
      `${field}.backoffCoefficient`,
      `must be at least 1, got ${normalized.backoffCoefficient}`,
    );
  }
  const maximum = readDuration(policy?.maximumInterval);
  if (!maximum.ok) throw InvalidArgument.forField(`${field}.maximumInterval`, maximum.problem);
  if (normalized.maximumIntervalMs > 0 && normalized.maximumIntervalMs < normalized.initialIntervalMs) {
    throw InvalidArgument.forField(
      `${field}.maximumInterval`,
      `must not be less than initialInterval (${normalized.maximumIntervalMs} ms < ${normalized.initialIntervalMs} ms)`,
    );
  }
  if (normalized.maximumAttempts < 0) {
    throw InvalidArgument.forField(
      `${field}.maximumAttempts`,
      `must not be negative, got ${normalized.maximumAttempts}`,
    );
  }
  normalized.nonRetryableErrorTypes.forEach((type, index) => {
    if (!type.startsWith(timeoutFailureTypePrefix)) return;
    const name = type.slice(timeoutFailureTypePrefix.length);
    if (parseTimeoutTypeName(name) === undefined) {
      throw InvalidArgument.forField(
        `${field}.nonRetryableErrorTypes[${index}]`,
        `${JSON.stringify(name)} is not a timeout type (StartToClose, ScheduleToStart, ScheduleToClose or Heartbeat)`,
      );
    }
  });
}

/** Why no further attempt is made; `retryState` is what the closing event records. */
export type RetryStopReason =
  /** The workflow has no retry policy. */
  | 'retry-policy-not-set'
  /** The activity was asked to cancel. */
  | 'cancel-requested'
  /** The failure may not be retried (flag, listed type, canceled, terminated). */
  | 'non-retryable'
  /** The failed attempt was the last one allowed. */
  | 'maximum-attempts'
  /** The next attempt would start after the deadline (schedule-to-close or workflow expiration). */
  | 'expiration'
  /** A schedule-to-start or schedule-to-close timeout, or a zero next-retry delay on an activity. */
  | 'timeout';

export type RetryDecision =
  | { retry: true; delayMs: number; retryState: temporal.api.enums.v1.RetryState }
  | { retry: false; reason: RetryStopReason; retryState: temporal.api.enums.v1.RetryState };

export interface NextRetryDelayInput {
  /** Undefined when there is no policy (a workflow started without one). */
  policy: NormalizedRetryPolicy | undefined;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  /** The failure as reported (application failure) or built by the server (timeout failure). */
  failure: Failure | null | undefined;
  nowMs: number;
  /** Activity: first scheduled time + scheduleToClose; workflow: its execution expiration. */
  expirationMs?: number | undefined;
  /** Activities and workflows differ in two details (see below); default `activity`. */
  subject?: 'activity' | 'workflow';
  /** An activity whose cancellation was requested is not retried. */
  cancelRequested?: boolean;
}

/**
 * Whether and when the next attempt runs (Temporal's RetryActivity / GetRetryBackoffDuration):
 * delay = min(initial × coefficient^(attempt-1), maximumInterval), no retry once `attempt` reaches
 * maximumAttempts (when > 0) or when now + delay would pass the expiration. An application failure's
 * `nextRetryDelay` replaces the computed delay: for an activity it also lifts maximumInterval (and a
 * zero delay ends retries with TIMEOUT, as in Temporal); for a workflow it is still capped by it.
 * Delays are whole milliseconds.
 */
export function nextRetryDelay(input: NextRetryDelayInput): RetryDecision {
  const { policy, failure } = input;
  const subject = input.subject ?? 'activity';
  if (!policy) return stop('retry-policy-not-set', RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET);
  if (subject === 'activity') {
    if (input.cancelRequested) return stop('cancel-requested', RetryState.RETRY_STATE_CANCEL_REQUESTED);
    const timeoutType = failure?.timeoutFailureInfo?.timeoutType;
    if (
      timeoutType === TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START ||
      timeoutType === TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE
    ) {
      return stop('timeout', RetryState.RETRY_STATE_TIMEOUT);
    }
  }
  if (!isRetryableFailure(failure, policy.nonRetryableErrorTypes)) {
    return stop('non-retryable', RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
  }

  const attempt = Math.max(1, input.attempt);
  if (policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts) {
    return stop('maximum-attempts', RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
  }
  const requestedDelay = failure?.applicationFailureInfo?.nextRetryDelay;
  const requestedMs = requestedDelay ? (durationToMs(requestedDelay) ?? 0) : undefined;
  const maximumMs =
    subject === 'activity' && requestedMs !== undefined ? requestedMs : policy.maximumIntervalMs;
  let delayMs = requestedMs ?? exponentialDelayMs(policy, attempt);
  if (maximumMs === 0 && delayMs <= 0) return stop('timeout', RetryState.RETRY_STATE_TIMEOUT);
  if (maximumMs !== 0 && (delayMs <= 0 || delayMs > maximumMs)) delayMs = maximumMs;
  if (input.expirationMs !== undefined && input.nowMs + delayMs > input.expirationMs) {
    return stop('expiration', RetryState.RETRY_STATE_TIMEOUT);
  }
  return {
    retry: true,
    delayMs: Math.max(0, Math.floor(delayMs)),
    retryState: RetryState.RETRY_STATE_IN_PROGRESS,
  };
}

/** initial × coefficient^(attempt-1); overflow becomes Infinity, which the maximum interval caps. */
function exponentialDelayMs(policy: NormalizedRetryPolicy, attempt: number): number {
  return Math.max(0, policy.initialIntervalMs * Math.pow(policy.backoffCoefficient, attempt - 1));
}

function stop(reason: RetryStopReason, retryState: temporal.api.enums.v1.RetryState): RetryDecision {
  return { retry: false, reason, retryState };
}
