import { InvalidArgument } from '@kairos/errors';
import { durationToMs, int64ToNumber, type DurationLike } from '@kairos/proto';
import { maxDurationMs } from './limits.ts';

/**
 * A google.protobuf.Duration read the way Temporal reads every timeout and interval: absent is 0
 * ("not set"), negative or mixed-sign values are invalid, and anything beyond 100 years is quietly
 * capped. Kairos keeps milliseconds, so sub-millisecond parts are dropped (durationToMs floors).
 */
export type DurationReading = { ok: true; ms: number } | { ok: false; problem: string };

export function readDuration(duration: DurationLike | null | undefined): DurationReading {
  if (!duration) return { ok: true, ms: 0 };
  const seconds = int64ToNumber(duration.seconds);
  const nanos = duration.nanos ?? 0;
  if ((seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0)) {
    return { ok: false, problem: 'seconds and nanos have different signs' };
  }
  if (seconds < 0 || nanos < 0) return { ok: false, problem: 'must not be negative' };
  return { ok: true, ms: Math.min(durationToMs(duration) ?? 0, maxDurationMs) };
}

/** readDuration for request validation: the milliseconds, or InvalidArgument naming the field. */
export function requireDuration(duration: DurationLike | null | undefined, field: string): number {
  const reading = readDuration(duration);
  if (!reading.ok) throw InvalidArgument.forField(field, reading.problem);
  return reading.ms;
}
