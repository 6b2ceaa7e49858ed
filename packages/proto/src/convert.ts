import Long from 'long';

/**
 * Reading and writing protobuf scalars the same way whether a message came straight from the decoder
 * (int64 as `Long`) or crossed an internal process boundary (where a `Long` arrives as a plain
 * `{ low, high, unsigned }` object). Engine code reads int64, Duration and Timestamp fields only
 * through these, never with `.toNumber()`.
 */
export type Int64Like =
  number | string | bigint | { low: number; high: number; unsigned?: boolean } | null | undefined;

/** An int64 field as a JS number (Temporal's ids and counts stay far below 2^53). */
export function int64ToNumber(value: Int64Like): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return new Long(value.low, value.high, value.unsigned ?? false).toNumber();
}

export interface DurationLike {
  seconds?: Int64Like;
  nanos?: number | null;
}

/** A google.protobuf.Duration as milliseconds; absent is undefined (Temporal's "not set"). */
export function durationToMs(duration: DurationLike | null | undefined): number | undefined {
  if (!duration) return undefined;
  return int64ToNumber(duration.seconds) * 1000 + Math.floor((duration.nanos ?? 0) / 1_000_000);
}

export function msToDuration(ms: number): { seconds: Long; nanos: number } {
  const whole = Math.floor(ms / 1000);
  return { seconds: Long.fromNumber(whole), nanos: Math.round((ms - whole * 1000) * 1_000_000) };
}

/** A google.protobuf.Timestamp as epoch milliseconds; absent is undefined. */
export function timestampToMs(timestamp: DurationLike | null | undefined): number | undefined {
  return durationToMs(timestamp);
}

export function msToTimestamp(ms: number): { seconds: Long; nanos: number } {
  return msToDuration(ms);
}

/** A number as the int64 `Long` the generated message types declare. */
export function int64(value: number): Long {
  return Long.fromNumber(value);
}
