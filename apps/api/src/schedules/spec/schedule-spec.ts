// A compiled ScheduleSpec (see compile-spec.ts) in the form the time search works with.
import { durationToMs, temporal, timestampToMs } from '@kairos/proto';
import { calendarMatcher, type CalendarMatcher } from './calendar.ts';

export interface ScheduleSpecMatcher {
  calendars: CalendarMatcher[];
  intervals: { everyMs: number; phaseMs: number }[];
  excludes: CalendarMatcher[];
  startMs: number | undefined;
  endMs: number | undefined;
  jitterMs: number;
  timeZone: string;
}

export function scheduleSpecMatcher(spec: temporal.api.schedule.v1.IScheduleSpec): ScheduleSpecMatcher {
  return {
    calendars: (spec.structuredCalendar ?? []).map(calendarMatcher),
    intervals: (spec.interval ?? []).map((interval) => ({
      everyMs: durationToMs(interval.interval) ?? 0,
      phaseMs: durationToMs(interval.phase) ?? 0,
    })),
    excludes: (spec.excludeStructuredCalendar ?? []).map(calendarMatcher),
    startMs: timestampToMs(spec.startTime),
    endMs: timestampToMs(spec.endTime),
    jitterMs: durationToMs(spec.jitter) ?? 0,
    timeZone: spec.timezoneName || 'UTC',
  };
}
