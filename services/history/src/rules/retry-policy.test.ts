import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { maxDurationMs } from './limits.ts';
import {
  defaultRetryPolicySettings,
  nextRetryDelay,
  normalizeRetryPolicy,
  normalizeWorkflowRetryPolicy,
  type NextRetryDelayInput,
  type NormalizedRetryPolicy,
} from './retry-policy.ts';

type Duration = temporal.api.common.v1.IRetryPolicy['initialInterval'];
const RetryState = temporal.api.enums.v1.RetryState;
const TimeoutType = temporal.api.enums.v1.TimeoutType;

const seconds = (value: number, nanos = 0) => ({ seconds: Long.fromNumber(value), nanos });
const field = 'retryPolicy';
const normalize = (policy: temporal.api.common.v1.IRetryPolicy | null | undefined) =>
  normalizeRetryPolicy(policy, { field });
const invalid = (path: string, message: RegExp) =>
  expect.objectContaining({ code: 'INVALID_ARGUMENT', field: path, message: expect.stringMatching(message) });

const defaults: NormalizedRetryPolicy = {
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  maximumIntervalMs: 100_000,
  maximumAttempts: 0,
  nonRetryableErrorTypes: [],
};

describe('normalizeRetryPolicy: defaults', () => {
  it('gives an absent or empty policy all of Temporal’s defaults (1 s, ×2, 100 × initial, unlimited)', () => {
    expect(normalize(undefined)).toEqual(defaults);
    expect(normalize(null)).toEqual(defaults);
    expect(normalize({})).toEqual(defaults);
    expect(
      normalize({ initialInterval: seconds(0), maximumInterval: seconds(0), backoffCoefficient: 0 }),
    ).toEqual(defaults);
  });

  it('derives the maximum interval from the given initial interval', () => {
    expect(normalize({ initialInterval: seconds(3) })).toEqual({
      ...defaults,
      initialIntervalMs: 3000,
      maximumIntervalMs: 300_000,
    });
    expect(normalize({ initialInterval: seconds(0, 250_000_000) }).maximumIntervalMs).toBe(25_000);
  });

  it('keeps every explicit field', () => {
    expect(
      normalize({
        initialInterval: seconds(2),
        backoffCoefficient: 1.5,
        maximumInterval: seconds(30),
        maximumAttempts: 7,
        nonRetryableErrorTypes: ['BadInput', 'TemporalTimeout:StartToClose'],
      }),
    ).toEqual({
      initialIntervalMs: 2000,
      backoffCoefficient: 1.5,
      maximumIntervalMs: 30_000,
      maximumAttempts: 7,
      nonRetryableErrorTypes: ['BadInput', 'TemporalTimeout:StartToClose'],
    });
  });

  it('accepts a maximum interval equal to the initial one and a coefficient of exactly 1', () => {
    expect(
      normalize({ initialInterval: seconds(5), maximumInterval: seconds(5), backoffCoefficient: 1 }),
    ).toMatchObject({
      initialIntervalMs: 5000,
      maximumIntervalMs: 5000,
      backoffCoefficient: 1,
    });
  });

  it('copies the non-retryable types instead of sharing the request’s array', () => {
    const types = ['A'];
    const normalized = normalize({ nonRetryableErrorTypes: types });
    types.push('B');
    expect(normalized.nonRetryableErrorTypes).toEqual(['A']);
  });

  it('uses the caller’s defaults when given', () => {
    const policy = normalizeRetryPolicy(undefined, {
      field,
      defaults: {
        initialIntervalMs: 500,
        backoffCoefficient: 3,
        maximumIntervalCoefficient: 10,
        maximumAttempts: 4,
      },
    });
    expect(policy).toEqual({
      ...defaults,
      initialIntervalMs: 500,
      backoffCoefficient: 3,
      maximumIntervalMs: 5000,
      maximumAttempts: 4,
    });
    expect(defaultRetryPolicySettings).toEqual({
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maximumIntervalCoefficient: 100,
      maximumAttempts: 0,
    });
  });

  it('reads durations whose int64 crossed a process boundary as plain objects', () => {
    const crossed = { seconds: { low: 4, high: 0, unsigned: false }, nanos: 0 } as unknown as Duration;
    expect(normalize({ initialInterval: crossed }).initialIntervalMs).toBe(4000);
  });

  it('drops sub-millisecond parts and caps intervals at 100 years', () => {
    expect(normalize({ initialInterval: seconds(1, 500_900) }).initialIntervalMs).toBe(1000);
    const tooLong = seconds(200 * 365 * 24 * 3600);
    expect(normalize({ initialInterval: tooLong, maximumInterval: tooLong })).toMatchObject({
      initialIntervalMs: maxDurationMs,
      maximumIntervalMs: maxDurationMs,
    });
  });

  it('turns a NaN coefficient into the default instead of computing NaN delays', () => {
    expect(normalize({ backoffCoefficient: Number.NaN }).backoffCoefficient).toBe(2);
  });
});

describe('normalizeRetryPolicy: validation', () => {
  it('refuses a coefficient below 1', () => {
    expect(() => normalize({ backoffCoefficient: 0.5 })).toThrow(
      invalid(
        'retryPolicy.backoffCoefficient',
        /^retryPolicy\.backoffCoefficient: must be at least 1, got 0\.5$/,
      ),
    );
    expect(() => normalize({ backoffCoefficient: -2 })).toThrow(
      invalid('retryPolicy.backoffCoefficient', /got -2/),
    );
  });

  it('refuses a maximum interval below the initial one', () => {
    expect(() => normalize({ initialInterval: seconds(10), maximumInterval: seconds(5) })).toThrow(
      invalid('retryPolicy.maximumInterval', /must not be less than initialInterval \(5000 ms < 10000 ms\)/),
    );
    // The default initial interval counts too.
    expect(() => normalize({ maximumInterval: seconds(0, 500_000_000) })).toThrow(
      invalid('retryPolicy.maximumInterval', /500 ms < 1000 ms/),
    );
  });

  it('refuses negative attempts', () => {
    expect(() => normalize({ maximumAttempts: -1 })).toThrow(
      invalid('retryPolicy.maximumAttempts', /must not be negative, got -1/),
    );
  });

  it('refuses negative and mixed-sign intervals', () => {
    expect(() => normalize({ initialInterval: seconds(-1) })).toThrow(
      invalid('retryPolicy.initialInterval', /must not be negative/),
    );
    expect(() => normalize({ initialInterval: seconds(1, -5) })).toThrow(
      invalid('retryPolicy.initialInterval', /different signs/),
    );
    expect(() => normalize({ maximumInterval: seconds(-1, -1) })).toThrow(
      invalid('retryPolicy.maximumInterval', /must not be negative/),
    );
  });

  it('checks fields in Temporal’s order: initial interval, coefficient, maximum interval, attempts', () => {
    expect(() =>
      normalize({ initialInterval: seconds(-1), backoffCoefficient: 0.5, maximumAttempts: -1 }),
    ).toThrow(invalid('retryPolicy.initialInterval', /./));
    expect(() => normalize({ backoffCoefficient: 0.5, maximumInterval: seconds(-1) })).toThrow(
      invalid('retryPolicy.backoffCoefficient', /./),
    );
    expect(() => normalize({ maximumInterval: seconds(-1), maximumAttempts: -1 })).toThrow(
      invalid('retryPolicy.maximumInterval', /./),
    );
  });

  it('accepts a one-attempt policy without checking the rest, as Temporal does', () => {
    const policy = normalize({ maximumAttempts: 1, backoffCoefficient: 0.5, initialInterval: seconds(-1) });
    expect(policy).toMatchObject({ maximumAttempts: 1, backoffCoefficient: 0.5, initialIntervalMs: -1000 });
  });

  it('checks TemporalTimeout: entries name a timeout type (short or enum name)', () => {
    for (const name of [
      'StartToClose',
      'ScheduleToStart',
      'ScheduleToClose',
      'Heartbeat',
      'TIMEOUT_TYPE_HEARTBEAT',
    ]) {
      expect(
        normalize({ nonRetryableErrorTypes: [`TemporalTimeout:${name}`] }).nonRetryableErrorTypes,
      ).toEqual([`TemporalTimeout:${name}`]);
    }
    expect(() => normalize({ nonRetryableErrorTypes: ['MyError', 'TemporalTimeout:Nope'] })).toThrow(
      invalid('retryPolicy.nonRetryableErrorTypes[1]', /"Nope" is not a timeout type/),
    );
    expect(() => normalize({ nonRetryableErrorTypes: ['TemporalTimeout:Unspecified'] })).toThrow(
      invalid('retryPolicy.nonRetryableErrorTypes[0]', /"Unspecified"/),
    );
    expect(() => normalize({ nonRetryableErrorTypes: ['TemporalTimeout:TIMEOUT_TYPE_UNSPECIFIED'] })).toThrow(
      invalid('retryPolicy.nonRetryableErrorTypes[0]', /./),
    );
    // Other types are free-form application error types.
    expect(
      normalize({ nonRetryableErrorTypes: ['temporaltimeout:whatever', ''] }).nonRetryableErrorTypes,
    ).toHaveLength(2);
  });

  it('names the caller’s field path', () => {
    expect(() =>
      normalizeRetryPolicy(
        { backoffCoefficient: 0.1 },
        { field: 'scheduleActivityTaskCommandAttributes.retryPolicy' },
      ),
    ).toThrow(
      invalid('scheduleActivityTaskCommandAttributes.retryPolicy.backoffCoefficient', /^scheduleActivity/),
    );
  });
});

describe('normalizeWorkflowRetryPolicy', () => {
  it('leaves a workflow without a policy without retries', () => {
    expect(normalizeWorkflowRetryPolicy(undefined, 'retryPolicy')).toBeUndefined();
    expect(normalizeWorkflowRetryPolicy(null, 'retryPolicy')).toBeUndefined();
  });

  it('fills the unset fields of an explicit policy with the defaults', () => {
    expect(normalizeWorkflowRetryPolicy({}, 'retryPolicy')).toEqual(defaults);
    expect(normalizeWorkflowRetryPolicy({ maximumAttempts: 3 }, 'retryPolicy')).toEqual({
      ...defaults,
      maximumAttempts: 3,
    });
    expect(() => normalizeWorkflowRetryPolicy({ maximumAttempts: -3 }, 'retryPolicy')).toThrow(
      invalid('retryPolicy.maximumAttempts', /./),
    );
  });
});

const policy = (overrides: Partial<NormalizedRetryPolicy> = {}): NormalizedRetryPolicy => ({
  ...defaults,
  ...overrides,
});
const appFailure = (
  info: temporal.api.failure.v1.IApplicationFailureInfo = {},
): temporal.api.failure.v1.IFailure => ({
  message: 'boom',
  applicationFailureInfo: { type: 'MyError', ...info },
});
const timeout = (timeoutType: temporal.api.enums.v1.TimeoutType): temporal.api.failure.v1.IFailure => ({
  message: 'timed out',
  timeoutFailureInfo: { timeoutType },
});
const decide = (input: Partial<NextRetryDelayInput>) =>
  nextRetryDelay({ policy: policy(), attempt: 1, failure: appFailure(), nowMs: 1_000_000, ...input });
const retryIn = (delayMs: number) => ({
  retry: true,
  delayMs,
  retryState: RetryState.RETRY_STATE_IN_PROGRESS,
});
const stopped = (reason: string, retryState: temporal.api.enums.v1.RetryState) => ({
  retry: false,
  reason,
  retryState,
});

describe('nextRetryDelay: the exponential schedule', () => {
  it('waits initial × coefficient^(attempt-1)', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => decide({ attempt }))).toEqual([
      retryIn(1000),
      retryIn(2000),
      retryIn(4000),
      retryIn(8000),
      retryIn(16_000),
    ]);
  });

  it('caps the delay at the maximum interval', () => {
    expect(decide({ attempt: 7 })).toEqual(retryIn(64_000));
    expect(decide({ attempt: 8 })).toEqual(retryIn(100_000));
    expect(decide({ attempt: 60 })).toEqual(retryIn(100_000));
  });

  it('stays at the maximum when the exponent overflows', () => {
    expect(decide({ attempt: 5000 })).toEqual(retryIn(100_000));
    expect(decide({ attempt: 2 ** 31 - 1, policy: policy({ backoffCoefficient: 10 }) })).toEqual(
      retryIn(100_000),
    );
  });

  it('follows fractional coefficients and floors to whole milliseconds', () => {
    const p = policy({ backoffCoefficient: 1.5 });
    expect([1, 2, 3].map((attempt) => decide({ attempt, policy: p }))).toEqual([
      retryIn(1000),
      retryIn(1500),
      retryIn(2250),
    ]);
    expect(decide({ attempt: 6, policy: policy({ backoffCoefficient: 1.1 }) })).toEqual(retryIn(1610));
  });

  it('keeps a constant delay with coefficient 1', () => {
    expect(
      decide({ attempt: 40, policy: policy({ backoffCoefficient: 1, initialIntervalMs: 250 }) }),
    ).toEqual(retryIn(250));
  });

  it('treats an attempt below 1 as the first', () => {
    expect(decide({ attempt: 0 })).toEqual(retryIn(1000));
  });
});

describe('nextRetryDelay: maximum attempts', () => {
  it('stops once the failed attempt is the last allowed one', () => {
    const p = policy({ maximumAttempts: 3 });
    expect(decide({ policy: p, attempt: 2 })).toEqual(retryIn(2000));
    expect(decide({ policy: p, attempt: 3 })).toEqual(
      stopped('maximum-attempts', RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED),
    );
    expect(decide({ policy: p, attempt: 4 })).toMatchObject({ retry: false, reason: 'maximum-attempts' });
  });

  it('never retries a one-attempt policy', () => {
    expect(decide({ policy: policy({ maximumAttempts: 1 }) })).toMatchObject({ reason: 'maximum-attempts' });
  });

  it('retries forever with 0 attempts', () => {
    expect(decide({ attempt: 100_000 })).toEqual(retryIn(100_000));
  });
});

describe('nextRetryDelay: which failures retry', () => {
  it('retries a plain application failure, a wrapper and no failure at all', () => {
    expect(decide({ failure: appFailure() })).toEqual(retryIn(1000));
    expect(decide({ failure: { message: 'wrapper' } })).toEqual(retryIn(1000));
    expect(decide({ failure: null })).toEqual(retryIn(1000));
    expect(decide({ failure: undefined })).toEqual(retryIn(1000));
  });

  it('stops on a failure flagged non-retryable or whose type the policy lists', () => {
    const nonRetryable = stopped('non-retryable', RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
    expect(decide({ failure: appFailure({ nonRetryable: true }) })).toEqual(nonRetryable);
    expect(decide({ policy: policy({ nonRetryableErrorTypes: ['Other', 'MyError'] }) })).toEqual(
      nonRetryable,
    );
    expect(decide({ policy: policy({ nonRetryableErrorTypes: ['myerror'] }) })).toEqual(retryIn(1000));
  });

  it('judges the failure itself, not its cause', () => {
    const wrapped = { message: 'outer', cause: appFailure({ nonRetryable: true }) };
    expect(decide({ failure: wrapped })).toEqual(retryIn(1000));
  });

  it('never retries canceled or terminated failures', () => {
    expect(decide({ failure: { message: 'x', canceledFailureInfo: {} } })).toMatchObject({
      reason: 'non-retryable',
    });
    expect(decide({ failure: { message: 'x', terminatedFailureInfo: {} } })).toMatchObject({
      reason: 'non-retryable',
    });
  });

  it('retries server failures unless marked non-retryable', () => {
    expect(decide({ failure: { message: 'x', serverFailureInfo: {} } })).toEqual(retryIn(1000));
    expect(decide({ failure: { message: 'x', serverFailureInfo: { nonRetryable: true } } })).toMatchObject({
      reason: 'non-retryable',
    });
  });

  it('retries start-to-close and heartbeat timeouts', () => {
    expect(decide({ failure: timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE), attempt: 2 })).toEqual(
      retryIn(2000),
    );
    expect(decide({ failure: timeout(TimeoutType.TIMEOUT_TYPE_HEARTBEAT) })).toEqual(retryIn(1000));
  });

  it('does not retry a timeout the policy lists by its short name (the enum name never matches)', () => {
    const failure = timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE);
    expect(
      decide({ failure, policy: policy({ nonRetryableErrorTypes: ['TemporalTimeout:StartToClose'] }) }),
    ).toMatchObject({ reason: 'non-retryable' });
    expect(
      decide({ failure, policy: policy({ nonRetryableErrorTypes: ['TemporalTimeout:Heartbeat'] }) }),
    ).toEqual(retryIn(1000));
    expect(
      decide({
        failure,
        policy: policy({ nonRetryableErrorTypes: ['TemporalTimeout:TIMEOUT_TYPE_START_TO_CLOSE'] }),
      }),
    ).toEqual(retryIn(1000));
  });

  it('ends an activity on a schedule-to-start or schedule-to-close timeout with TIMEOUT', () => {
    const timedOut = stopped('timeout', RetryState.RETRY_STATE_TIMEOUT);
    expect(decide({ failure: timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE) })).toEqual(timedOut);
    expect(decide({ failure: timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) })).toEqual(timedOut);
  });

  it('calls those timeouts non-retryable for a workflow, which has no such special case', () => {
    expect(
      decide({ subject: 'workflow', failure: timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE) }),
    ).toMatchObject({
      reason: 'non-retryable',
    });
    expect(
      decide({ subject: 'workflow', failure: timeout(TimeoutType.TIMEOUT_TYPE_UNSPECIFIED) }),
    ).toMatchObject({
      reason: 'non-retryable',
    });
  });

  it('reports non-retryable before exhausted attempts', () => {
    expect(
      decide({ policy: policy({ maximumAttempts: 1 }), failure: appFailure({ nonRetryable: true }) }),
    ).toMatchObject({
      reason: 'non-retryable',
    });
  });
});

describe('nextRetryDelay: expiration', () => {
  it('retries when the next attempt starts exactly at the deadline, not after it', () => {
    expect(decide({ attempt: 3, nowMs: 1000, expirationMs: 5000 })).toEqual(retryIn(4000));
    expect(decide({ attempt: 3, nowMs: 1001, expirationMs: 5000 })).toEqual(
      stopped('expiration', RetryState.RETRY_STATE_TIMEOUT),
    );
  });

  it('compares against the capped delay', () => {
    expect(decide({ attempt: 20, nowMs: 0, expirationMs: 100_000 })).toEqual(retryIn(100_000));
  });

  it('ignores expiration when there is none', () => {
    expect(decide({ attempt: 20, nowMs: 0, expirationMs: undefined })).toEqual(retryIn(100_000));
  });
});

describe('nextRetryDelay: the application’s next retry delay', () => {
  const withDelay = (delay: { seconds: Long; nanos: number }) => appFailure({ nextRetryDelay: delay });

  it('replaces the computed delay, for an activity even beyond the maximum interval', () => {
    const p = policy({ maximumIntervalMs: 3000 });
    expect(decide({ policy: p, attempt: 5, failure: withDelay(seconds(7)) })).toEqual(retryIn(7000));
    expect(decide({ attempt: 1, failure: withDelay(seconds(0, 250_000_000)) })).toEqual(retryIn(250));
  });

  it('stays within the maximum interval for a workflow', () => {
    const p = policy({ maximumIntervalMs: 3000 });
    expect(decide({ subject: 'workflow', policy: p, failure: withDelay(seconds(7)) })).toEqual(retryIn(3000));
    expect(decide({ subject: 'workflow', policy: p, failure: withDelay(seconds(2)) })).toEqual(retryIn(2000));
  });

  it('ends an activity’s retries when the requested delay is zero (Temporal answers TIMEOUT)', () => {
    expect(decide({ failure: withDelay(seconds(0)) })).toEqual(
      stopped('timeout', RetryState.RETRY_STATE_TIMEOUT),
    );
  });

  it('retries a workflow after the maximum interval when the requested delay is zero', () => {
    expect(decide({ subject: 'workflow', failure: withDelay(seconds(0)) })).toEqual(retryIn(100_000));
  });

  it('retries at once on a negative requested delay', () => {
    expect(decide({ failure: withDelay(seconds(-5)) })).toEqual(retryIn(0));
  });

  it('still honours maximum attempts, non-retryable flags and the deadline', () => {
    expect(
      decide({ policy: policy({ maximumAttempts: 2 }), attempt: 2, failure: withDelay(seconds(1)) }),
    ).toMatchObject({
      reason: 'maximum-attempts',
    });
    expect(decide({ failure: appFailure({ nextRetryDelay: seconds(1), nonRetryable: true }) })).toMatchObject(
      {
        reason: 'non-retryable',
      },
    );
    expect(decide({ nowMs: 0, expirationMs: 5000, failure: withDelay(seconds(6)) })).toMatchObject({
      reason: 'expiration',
    });
  });
});

describe('nextRetryDelay: no policy and cancellation', () => {
  it('does not retry without a policy', () => {
    expect(decide({ policy: undefined })).toEqual(
      stopped('retry-policy-not-set', RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET),
    );
    expect(decide({ policy: undefined, subject: 'workflow' })).toMatchObject({
      reason: 'retry-policy-not-set',
    });
  });

  it('does not retry an activity whose cancellation was requested, whatever the failure', () => {
    expect(decide({ cancelRequested: true })).toEqual(
      stopped('cancel-requested', RetryState.RETRY_STATE_CANCEL_REQUESTED),
    );
    expect(decide({ cancelRequested: true, failure: appFailure({ nonRetryable: true }) })).toMatchObject({
      reason: 'cancel-requested',
    });
    expect(decide({ cancelRequested: false })).toEqual(retryIn(1000));
  });
});
