// Expected times below were taken from the reference Temporal server (ListScheduleMatchingTimes) for
// the same specs, except where a comment says otherwise.
import { describe, expect, it } from 'vitest';
import { compileScheduleSpec } from './compile-spec.ts';
import { nextMatchingTime } from './next-matching-time.ts';
import { scheduleSpecMatcher } from './schedule-spec.ts';
import { at, seconds, timesOf } from './spec-test-support.ts';

const everyDayAt = (hour: number, minute: number) => ({
  structuredCalendar: [
    {
      second: [{ start: 0 }],
      minute: [{ start: minute }],
      hour: [{ start: hour }],
      dayOfMonth: [{ start: 1, end: 31 }],
      month: [{ start: 1, end: 12 }],
      dayOfWeek: [{ start: 0, end: 6 }],
    },
  ],
});

describe('nextMatchingTime', () => {
  it('counts intervals from the epoch plus the phase; start exclusive, end inclusive', () => {
    expect(
      timesOf({ interval: [{ interval: seconds(2) }] }, '1970-01-01T00:16:40Z', '1970-01-01T00:16:50Z'),
    ).toEqual(['42', '44', '46', '48', '50'].map((s) => `1970-01-01T00:16:${s}.000Z`));
    expect(timesOf({ cronString: ['@every 90m'] }, '2030-01-01T00:00:00Z', '2030-01-01T04:30:00Z')).toEqual([
      '2030-01-01T01:30:00.000Z',
      '2030-01-01T03:00:00.000Z',
      '2030-01-01T04:30:00.000Z',
    ]);
    expect(
      timesOf({ cronString: ['@every 1h/15m'] }, '2030-01-01T00:00:00Z', '2030-01-01T02:00:00Z'),
    ).toEqual(['2030-01-01T00:15:00.000Z', '2030-01-01T01:15:00.000Z']);
  });

  it('merges calendars, cron strings and intervals in time order', () => {
    const times = timesOf(
      {
        cronString: ['*/5 * * * *'],
        interval: [{ interval: seconds(7) }],
        structuredCalendar: [{ hour: [{ start: 3 }], dayOfWeek: [{ start: 1 }] }],
      },
      '2030-01-01T00:00:00Z',
      '2030-01-01T00:01:00Z',
    );
    expect(times).toEqual(
      ['05', '12', '19', '26', '33', '40', '47', '54'].map((s) => `2030-01-01T00:00:${s}.000Z`),
    );
  });

  it('matches day of month and day of week together, and text calendars by name', () => {
    expect(timesOf({ cronString: ['0 12 1 * MON'] }, '2030-01-01T00:00:00Z', '2030-02-10T00:00:00Z')).toEqual(
      [],
    );
    expect(timesOf({ cronString: ['0 12 1 * MON'] }, '2030-01-01T00:00:00Z', '2030-12-31T00:00:00Z')).toEqual(
      ['2030-04-01T12:00:00.000Z', '2030-07-01T12:00:00.000Z'],
    );
    expect(
      timesOf(
        { calendar: [{ second: '5', minute: '*/30', hour: '9-10', dayOfWeek: 'MON-FRI' }] },
        '2030-01-01T00:00:00Z',
        '2030-01-02T09:00:05Z',
      ),
    ).toEqual([
      '2030-01-01T09:00:05.000Z',
      '2030-01-01T09:30:05.000Z',
      '2030-01-01T10:00:05.000Z',
      '2030-01-01T10:30:05.000Z',
      '2030-01-02T09:00:05.000Z',
    ]);
    expect(
      timesOf({ cronString: ['0 0 * JAN-MAR/2 SUN,sat'] }, '2030-01-01T00:00:00Z', '2030-01-14T00:00:00Z'),
    ).toEqual([
      '2030-01-05T00:00:00.000Z',
      '2030-01-06T00:00:00.000Z',
      '2030-01-12T00:00:00.000Z',
      '2030-01-13T00:00:00.000Z',
    ]);
  });

  it('honours time zones across DST: a skipped wall-clock time does not fire, a repeated one fires twice', () => {
    const newYork = (spec: object) => ({ ...spec, timezoneName: 'America/New_York' });
    expect(timesOf(newYork(everyDayAt(2, 30)), '2030-03-08T00:00:00Z', '2030-03-12T00:00:00Z')).toEqual([
      '2030-03-08T07:30:00.000Z',
      '2030-03-09T07:30:00.000Z',
      '2030-03-11T06:30:00.000Z',
    ]);
    expect(timesOf(newYork(everyDayAt(1, 30)), '2030-11-03T03:00:00Z', '2030-11-03T11:00:00Z')).toEqual([
      '2030-11-03T05:30:00.000Z',
      '2030-11-03T06:30:00.000Z',
    ]);
    expect(
      timesOf(newYork({ cronString: ['0 * * * *'] }), '2030-11-03T03:00:00Z', '2030-11-03T08:00:00Z'),
    ).toEqual([
      '2030-11-03T04:00:00.000Z',
      '2030-11-03T05:00:00.000Z',
      '2030-11-03T06:00:00.000Z',
      '2030-11-03T07:00:00.000Z',
      '2030-11-03T08:00:00.000Z',
    ]);
    // Southern hemisphere, and a zone with a half-hour offset (not probed on the reference server).
    expect(
      timesOf(
        { ...everyDayAt(9, 0), timezoneName: 'Australia/Adelaide' },
        '2030-01-01T00:00:00Z',
        '2030-01-02T00:00:00Z',
      ),
    ).toEqual(['2030-01-01T22:30:00.000Z']);
  });

  it('skips excluded times and keeps to [startTime, endTime], both inclusive', () => {
    const times = timesOf(
      {
        interval: [{ interval: seconds(10) }],
        startTime: at('2030-01-01T00:00:20Z'),
        endTime: at('2030-01-01T00:00:50Z'),
        excludeStructuredCalendar: [
          {
            second: [{ start: 30 }],
            minute: [{ start: 0, end: 59 }],
            hour: [{ start: 0, end: 23 }],
            dayOfMonth: [{ start: 1, end: 31 }],
            month: [{ start: 1, end: 12 }],
            dayOfWeek: [{ start: 0, end: 6 }],
          },
        ],
      },
      '2030-01-01T00:00:00Z',
      '2030-01-01T00:02:00Z',
    );
    expect(times).toEqual(['20', '40', '50'].map((s) => `2030-01-01T00:00:${s}.000Z`));
  });

  it('jitters deterministically within [nominal, nominal + min(jitter, gap to the next time))', () => {
    for (const jitter of [4, 40]) {
      const matcher = scheduleSpecMatcher(
        compileScheduleSpec({ interval: [{ interval: seconds(10) }], jitter: seconds(jitter) }),
      );
      let after = Date.parse('2030-01-01T00:00:00Z');
      const offsets = new Set<number>();
      for (let index = 0; index < 200; index++) {
        const time = nextMatchingTime(matcher, after, 'schedule-a');
        if (!time) throw new Error('no time');
        expect(time.nominalMs % 10_000).toBe(0);
        const offset = time.actualMs - time.nominalMs;
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThan(Math.min(jitter, 10) * 1000);
        expect(nextMatchingTime(matcher, after, 'schedule-a')).toEqual(time);
        offsets.add(Math.floor(offset / 1000));
        after = time.nominalMs;
      }
      // Spread over the allowed window, not stuck at one value.
      expect(offsets.size).toBe(Math.min(jitter, 10));
    }
  });

  it('ends when the spec has no more times', () => {
    const matcher = scheduleSpecMatcher(compileScheduleSpec({ cronString: ['0 0 1 1 * 2031'] }));
    expect(nextMatchingTime(matcher, Date.parse('2030-06-01T00:00:00Z'), 's')?.nominalMs).toBe(
      Date.parse('2031-01-01T00:00:00Z'),
    );
    expect(nextMatchingTime(matcher, Date.parse('2031-01-01T00:00:00Z'), 's')).toBeUndefined();
    expect(nextMatchingTime(scheduleSpecMatcher(compileScheduleSpec({})), 0, 's')).toBeUndefined();
  });
});
