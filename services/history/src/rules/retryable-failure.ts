import { temporal } from '@kairos/proto';

type Failure = temporal.api.failure.v1.IFailure;
const TimeoutType = temporal.api.enums.v1.TimeoutType;

/**
 * A retry policy lists server timeouts it will not retry as `TemporalTimeout:<Type>` in
 * nonRetryableErrorTypes, `<Type>` being the timeout's short name (`StartToClose`, `Heartbeat`).
 */
export const timeoutFailureTypePrefix = 'TemporalTimeout:';

const timeoutShortNames: ReadonlyMap<temporal.api.enums.v1.TimeoutType, string> = new Map([
  [TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE, 'StartToClose'],
  [TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START, 'ScheduleToStart'],
  [TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE, 'ScheduleToClose'],
  [TimeoutType.TIMEOUT_TYPE_HEARTBEAT, 'Heartbeat'],
]);

/** The names a `TemporalTimeout:` entry may use: the short name or the proto enum name. */
export function parseTimeoutTypeName(name: string): temporal.api.enums.v1.TimeoutType | undefined {
  for (const [type, shortName] of timeoutShortNames) {
    if (name === shortName || name === TimeoutType[type]) return type;
  }
  return undefined;
}

/**
 * Whether a failure allows another attempt, judged on the failure itself (never its cause chain), as
 * Temporal does: canceled and terminated failures never retry; of the server's timeouts only
 * start-to-close and heartbeat do (unless the policy names them); a server failure retries unless
 * marked non-retryable; an application failure retries unless marked non-retryable or its type is
 * listed. Anything else (no failure, a wrapper without info) retries.
 *
 * Matching a timeout uses its short name only: `TemporalTimeout:TIMEOUT_TYPE_HEARTBEAT` passes
 * validation but never matches, exactly as in Temporal.
 */
export function isRetryableFailure(
  failure: Failure | null | undefined,
  nonRetryableErrorTypes: readonly string[],
): boolean {
  if (!failure) return true;
  if (failure.terminatedFailureInfo || failure.canceledFailureInfo) return false;
  if (failure.timeoutFailureInfo) {
    const type = failure.timeoutFailureInfo.timeoutType ?? TimeoutType.TIMEOUT_TYPE_UNSPECIFIED;
    if (type !== TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE && type !== TimeoutType.TIMEOUT_TYPE_HEARTBEAT)
      return false;
    return !nonRetryableErrorTypes.includes(`${timeoutFailureTypePrefix}${timeoutShortNames.get(type)}`);
  }
  if (failure.serverFailureInfo) return !failure.serverFailureInfo.nonRetryable;
  if (failure.applicationFailureInfo) {
    if (failure.applicationFailureInfo.nonRetryable) return false;
    return !nonRetryableErrorTypes.includes(failure.applicationFailureInfo.type ?? '');
  }
  return true;
}
