import { InvalidArgument } from '@kairos/errors';
import { describe, expect, it } from 'vitest';
import { compileScheduleSpec } from './compile-spec.ts';
import { seconds } from './spec-test-support.ts';

/** `second=0-0/1 minute=...` like the probes of the reference server printed them. */
function compact(spec: ReturnType<typeof compileScheduleSpec>): string[] {
  return (spec.structuredCalendar ?? []).map((calendar) =>
    (['second', 'minute', 'hour', 'dayOfMonth', 'month', 'year', 'dayOfWeek'] as const)
      .filter((field) => (calendar[field] ?? []).length > 0)
      .map(
        (field) =>
          `${field}=${(calendar[field] ?? []).map((r) => `${r.start}-${r.end}/${r.step}`).join(',')}`,
      )
      .join(' '),
  );
}

function problem(spec: Parameters<typeof compileScheduleSpec>[0]): string {
  try {
    compileScheduleSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgument);
    return (error as Error).message;
  }
  throw new Error('expected the spec to be refused');
}

describe('compileScheduleSpec', () => {
  it('compiles cron strings into structured calendars as Temporal stores them', () => {
    expect(compact(compileScheduleSpec({ cronString: ['1 2 3 4 5'] }))).toEqual([
      'second=0-0/1 minute=1-1/1 hour=2-2/1 dayOfMonth=3-3/1 month=4-4/1 dayOfWeek=5-5/1',
    ]);
    expect(compact(compileScheduleSpec({ cronString: ['1 2 3 4 5 6 2031'] }))).toEqual([
      'second=1-1/1 minute=2-2/1 hour=3-3/1 dayOfMonth=4-4/1 month=5-5/1 year=2031-2031/1 dayOfWeek=6-6/1',
    ]);
    expect(compact(compileScheduleSpec({ cronString: ['*/5 * * * *'] }))).toEqual([
      'second=0-0/1 minute=0-59/5 hour=0-23/1 dayOfMonth=1-31/1 month=1-12/1 dayOfWeek=0-6/1',
    ]);
    expect(compact(compileScheduleSpec({ cronString: ['0 0 * JAN-MAR/2 SUN,sat'] }))).toEqual([
      'second=0-0/1 minute=0-0/1 hour=0-0/1 dayOfMonth=1-31/1 month=1-3/2 dayOfWeek=0-0/1,6-6/1',
    ]);
    expect(compact(compileScheduleSpec({ cronString: ['0 0 * * 7'] }))).toEqual([
      'second=0-0/1 minute=0-0/1 hour=0-0/1 dayOfMonth=1-31/1 month=1-12/1 dayOfWeek=0-0/1',
    ]);
    expect(compact(compileScheduleSpec({ cronString: ['@weekly'] }))).toEqual([
      'second=0-0/1 minute=0-0/1 hour=0-0/1 dayOfMonth=1-31/1 month=1-12/1 dayOfWeek=0-0/1',
    ]);
  });

  it('keeps a cron comment, takes CRON_TZ as the time zone and turns @every into an interval', () => {
    const zoned = compileScheduleSpec({ cronString: ['CRON_TZ=America/New_York 30 2 * * * # nightly'] });
    expect(zoned.timezoneName).toBe('America/New_York');
    expect(zoned.structuredCalendar?.[0]?.comment).toBe('nightly');
    const every = compileScheduleSpec({ cronString: ['@every 1h/15m'] });
    expect(every.structuredCalendar).toEqual([]);
    expect(every.interval?.map((i) => [Number(i.interval?.seconds), Number(i.phase?.seconds)])).toEqual([
      [3600, 900],
    ]);
  });

  it('defaults ranges (end below start = start, step 0 = 1) and text calendars (midnight, every day)', () => {
    const spec = compileScheduleSpec({
      structuredCalendar: [{ second: [{ start: 0, end: 0, step: 0 }], hour: [{ start: 3 }] }],
      calendar: [{ second: '5', minute: '*/30', hour: '9-10', dayOfWeek: 'MON-FRI' }],
    });
    expect(compact(spec)).toEqual([
      'second=0-0/1 hour=3-3/1',
      'second=5-5/1 minute=0-59/30 hour=9-10/1 dayOfMonth=1-31/1 month=1-12/1 dayOfWeek=1-5/1',
    ]);
  });

  it('refuses bad specs with the SDK-recognised prefix and the field', () => {
    expect(problem({ cronString: ['nonsense'] })).toBe(
      'Invalid schedule spec: schedule.spec.cronString[0]: CronString does not have 5-7 fields',
    );
    expect(problem({ cronString: ['1 2 3 4 5 6'] })).toMatch(/Year is not in range \[2000-2100\]/);
    expect(problem({ cronString: ['0 0 L * *'] })).toMatch(/cronString\[0\]: invalid DayOfMonth/);
    expect(problem({ interval: [{ interval: { nanos: 500_000_000 } }] })).toMatch(
      /interval\[0\]: interval is too small/,
    );
    expect(problem({ interval: [{ interval: seconds(60), phase: seconds(90) }] })).toMatch(
      /phase cannot be greater than Interval/,
    );
    expect(problem({ timezoneName: 'Mars/Base' })).toMatch(/timezoneName: unknown time zone Mars\/Base/);
    expect(problem({ structuredCalendar: [{ hour: [{ start: 24 }] }] })).toMatch(
      /structuredCalendar\[0\]\.hour\[0\]: Hour is not in range \[0-23\]/,
    );
    expect(problem(undefined)).toBe('schedule.spec: must be set');
  });
});
