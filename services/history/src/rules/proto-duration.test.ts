import { Long } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { maxDurationMs } from './limits.ts';
import { readDuration, requireDuration } from './proto-duration.ts';

describe('readDuration', () => {
  it('reads absent as 0 ("not set")', () => {
    expect(readDuration(undefined)).toEqual({ ok: true, ms: 0 });
    expect(readDuration(null)).toEqual({ ok: true, ms: 0 });
    expect(readDuration({})).toEqual({ ok: true, ms: 0 });
  });

  it('reads seconds and nanos into whole milliseconds', () => {
    expect(readDuration({ seconds: Long.fromNumber(12), nanos: 345_678_901 })).toEqual({
      ok: true,
      ms: 12_345,
    });
    expect(readDuration({ seconds: 3 })).toEqual({ ok: true, ms: 3000 });
    expect(readDuration({ seconds: '7', nanos: 0 })).toEqual({ ok: true, ms: 7000 });
    expect(readDuration({ seconds: { low: 9, high: 0 }, nanos: 1_000_000 })).toEqual({ ok: true, ms: 9001 });
  });

  it('refuses negative durations and mixed signs', () => {
    expect(readDuration({ seconds: Long.fromNumber(-1) })).toEqual({
      ok: false,
      problem: 'must not be negative',
    });
    expect(readDuration({ seconds: 0, nanos: -1 })).toEqual({ ok: false, problem: 'must not be negative' });
    expect(readDuration({ seconds: Long.fromNumber(-1), nanos: -5 })).toMatchObject({
      ok: false,
      problem: 'must not be negative',
    });
    expect(readDuration({ seconds: 1, nanos: -5 })).toEqual({
      ok: false,
      problem: 'seconds and nanos have different signs',
    });
    expect(readDuration({ seconds: -1, nanos: 5 })).toEqual({
      ok: false,
      problem: 'seconds and nanos have different signs',
    });
  });

  it('caps durations at 100 years', () => {
    expect(readDuration({ seconds: Long.MAX_VALUE })).toEqual({ ok: true, ms: maxDurationMs });
    expect(readDuration({ seconds: maxDurationMs / 1000 + 1 })).toEqual({ ok: true, ms: maxDurationMs });
  });
});

describe('requireDuration', () => {
  it('answers the milliseconds or an InvalidArgument naming the field', () => {
    expect(requireDuration({ seconds: 2 }, 'workflowRunTimeout')).toBe(2000);
    expect(() => requireDuration({ seconds: -2 }, 'workflowRunTimeout')).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        field: 'workflowRunTimeout',
        message: 'workflowRunTimeout: must not be negative',
      }),
    );
  });
});
