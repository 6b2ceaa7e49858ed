import { describe, expect, it } from 'vitest';
import {
  checkCronScheduleRequest,
  cronBackoffMs,
  nextCronTimeMs,
  readCronSchedule,
} from './cron-schedule.ts';
import { parseGoDurationMs } from './go-duration.ts';

const at = (iso: string) => Date.parse(iso);

function next(spec: string, afterIso: string): string | undefined {
  const reading = readCronSchedule(spec);
  if (!reading.ok) throw new Error(reading.problem);
  const ms = nextCronTimeMs(reading.schedule, at(afterIso));
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

describe('readCronSchedule', () => {
  it('accepts what the reference server accepts', () => {
    for (const spec of [
      '* * * * *',
      '*/15 9-17 * * MON-FRI',
      '0 0 1 JAN,jul ?',
      '5/10 * * * *',
      '@yearly',
      '@annually',
      '@monthly',
      '@weekly',
      '@daily',
      '@midnight',
      '@hourly',
      '@every 2s',
      '@every 1h30m',
      '@every 0s',
      '@every 1.5s',
      'TZ=UTC 0 0 * * *',
      'CRON_TZ=America/New_York * * * * *',
    ]) {
      expect(readCronSchedule(spec), spec).toMatchObject({ ok: true });
    }
  });

  it('refuses what the reference server refuses, saying why', () => {
    const problems: Record<string, RegExp> = {
      'bad cron': /expected 5 fields, got 2/,
      '* * * *': /expected 5 fields, got 4/,
      '*/5 * * * * *': /expected 5 fields, got 6/,
      '@every 2': /bad @every duration/,
      '@minutely': /unknown descriptor @minutely/,
      '60 * * * *': /minute "60" is outside 0-59/,
      '0 0 * * 7': /day of week "7" is outside 0-6/,
      '0 0 L * *': /day of month "L"/,
      '0 0 * * 5#3': /day of week/,
      '0 0 30 2 *': /no time can be found to satisfy the schedule/,
      '5-1 * * * *': /ends before it starts/,
      'TZ=Nowhere/Zone * * * * *': /unknown time zone Nowhere\/Zone/,
    };
    for (const [spec, problem] of Object.entries(problems)) {
      const reading = readCronSchedule(spec);
      expect(reading.ok, spec).toBe(false);
      if (!reading.ok) expect(reading.problem, spec).toMatch(problem);
    }
  });

  it('runs @every at least every second, in whole seconds', () => {
    expect(readCronSchedule('@every 1ms')).toEqual({
      ok: true,
      schedule: { kind: 'every', intervalMs: 1000 },
    });
    expect(readCronSchedule('@every 2.7s')).toEqual({
      ok: true,
      schedule: { kind: 'every', intervalMs: 2000 },
    });
  });
});

describe('nextCronTimeMs', () => {
  it('answers the first time strictly after, at whole seconds', () => {
    expect(next('* * * * *', '2026-01-01T00:00:30Z')).toBe('2026-01-01T00:01:00.000Z');
    expect(next('* * * * *', '2026-01-01T00:01:00Z')).toBe('2026-01-01T00:02:00.000Z');
    expect(next('* * * * *', '2026-01-01T00:00:59.999Z')).toBe('2026-01-01T00:01:00.000Z');
    expect(next('@every 2s', '2026-01-01T00:00:10.750Z')).toBe('2026-01-01T00:00:12.000Z');
    expect(next('0 12 * * MON-FRI', '2026-01-02T13:00:00Z')).toBe('2026-01-05T12:00:00.000Z');
  });

  it('reads times in the zone the schedule names, UTC otherwise', () => {
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z')).toBe('2026-01-01T09:00:00.000Z');
    expect(next('CRON_TZ=America/New_York 0 9 * * *', '2026-01-01T00:00:00Z')).toBe(
      '2026-01-01T14:00:00.000Z',
    );
  });
});

describe('cronBackoffMs (the wait before the next run)', () => {
  it('waits from now until the first schedule time after the run was scheduled, rounded up to seconds', () => {
    // Started at 10:00:00, closes 20.3 s later: the next minute is 39.7 s away, rounded to 40 s.
    expect(cronBackoffMs('* * * * *', at('2026-01-01T10:00:00Z'), at('2026-01-01T10:00:20.300Z'))).toBe(
      40_000,
    );
    expect(cronBackoffMs('@every 2s', at('2026-01-01T10:00:00Z'), at('2026-01-01T10:00:00.030Z'))).toBe(2000);
  });

  it('skips the times missed while the run was still going', () => {
    // Scheduled at 10:00, closed at 10:03:10: the 10:01-10:03 times are gone, 10:04 is next.
    expect(cronBackoffMs('* * * * *', at('2026-01-01T10:00:00Z'), at('2026-01-01T10:03:10Z'))).toBe(50_000);
  });

  it('waits for the scheduled time itself when it is still ahead, and gives up on a bad schedule', () => {
    expect(cronBackoffMs('@hourly', at('2026-01-01T10:00:05Z'), at('2026-01-01T10:00:00Z'))).toBe(5000);
    expect(cronBackoffMs('not cron', at('2026-01-01T10:00:00Z'), at('2026-01-01T10:00:00Z'))).toBeUndefined();
  });
});

describe('checkCronScheduleRequest', () => {
  it('names cronSchedule for an unreadable schedule and for one combined with a start delay', () => {
    expect(() => checkCronScheduleRequest('', 5000)).not.toThrow();
    expect(() => checkCronScheduleRequest('@hourly', 0)).not.toThrow();
    expect(() => checkCronScheduleRequest('bad', 0)).toThrow(/^cronSchedule: is not a valid cron schedule/);
    expect(() => checkCronScheduleRequest('@hourly', 5000)).toThrow(
      'cronSchedule: may not be used together with workflowStartDelay',
    );
  });
});

describe('parseGoDurationMs', () => {
  it('reads Go duration syntax', () => {
    expect(parseGoDurationMs('2s')).toBe(2000);
    expect(parseGoDurationMs('1h30m')).toBe(5_400_000);
    expect(parseGoDurationMs('1.5s')).toBe(1500);
    expect(parseGoDurationMs('250ms')).toBe(250);
    expect(parseGoDurationMs('-1s')).toBe(-1000);
    expect(parseGoDurationMs('0')).toBe(0);
    for (const bad of ['', '2', 's', '1d', '1s2', '--1s'])
      expect(parseGoDurationMs(bad), bad).toBeUndefined();
  });
});
