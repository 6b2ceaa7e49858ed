// CreateSchedule/UpdateSchedule's spec, checked and compiled the way Temporal stores it: cron strings
// and text calendars become structured calendars (or intervals), ranges get their defaults, and only
// the compiled form is kept and described. Errors start with "Invalid schedule spec: ", which the
// TypeScript SDK turns into a TypeError, and name the field.
import { InvalidArgument } from '@kairos/errors';
import { durationToMs, msToDuration, temporal, timestampToMs } from '@kairos/proto';
import { calendarFields, normalizeRange, type NormalizedRange } from './calendar.ts';
import { parseCalendarField } from './calendar-text.ts';
import { compileCronString } from './cron-string.ts';
import { isKnownTimeZone } from './local-time.ts';

type ScheduleSpec = temporal.api.schedule.v1.IScheduleSpec;
type StructuredCalendar = temporal.api.schedule.v1.IStructuredCalendarSpec;
type CalendarSpec = temporal.api.schedule.v1.ICalendarSpec;

/** Text calendar defaults: midnight on every day (Temporal's CalendarSpec documentation). */
const calendarTextDefaults = {
  second: '0',
  minute: '0',
  hour: '0',
  dayOfMonth: '*',
  month: '*',
  year: '*',
  dayOfWeek: '*',
} as const;

export function invalidSpec(field: string, problem: string): InvalidArgument {
  return new InvalidArgument(`Invalid schedule spec: ${field}: ${problem}`, { field });
}

/** The compiled spec, or InvalidArgument naming the field (`schedule.spec.cronString[0]`, ...). */
export function compileScheduleSpec(
  spec: ScheduleSpec | null | undefined,
  path = 'schedule.spec',
): ScheduleSpec {
  if (!spec) throw InvalidArgument.forField(path, 'must be set');
  let timezoneName = spec.timezoneName ?? '';
  if (spec.timezoneData?.length) {
    throw invalidSpec(`${path}.timezoneData`, 'is not supported; name the zone in timezoneName');
  }
  const structuredCalendar = (spec.structuredCalendar ?? []).map((calendar, index) =>
    normalizeCalendar(calendar, `${path}.structuredCalendar[${index}]`),
  );
  (spec.calendar ?? []).forEach((calendar, index) =>
    structuredCalendar.push(textCalendar(calendar, `${path}.calendar[${index}]`)),
  );
  const interval = (spec.interval ?? []).map((item, index) => {
    const everyMs = durationToMs(item.interval) ?? 0;
    const phaseMs = durationToMs(item.phase) ?? 0;
    return checkedInterval(everyMs, phaseMs, `${path}.interval[${index}]`);
  });
  (spec.cronString ?? []).forEach((text, index) => {
    const field = `${path}.cronString[${index}]`;
    const compiled = compileCronString(text);
    if (typeof compiled === 'string') throw invalidSpec(field, compiled);
    if (compiled.timezoneName) {
      if (timezoneName && timezoneName !== compiled.timezoneName) {
        throw invalidSpec(
          field,
          `CRON_TZ ${compiled.timezoneName} differs from timezoneName ${timezoneName}`,
        );
      }
      timezoneName = compiled.timezoneName;
    }
    if (compiled.kind === 'calendar') structuredCalendar.push(compiled.calendar);
    else interval.push(checkedInterval(compiled.everyMs, compiled.phaseMs, field));
  });
  const excludeStructuredCalendar = (spec.excludeStructuredCalendar ?? []).map((calendar, index) =>
    normalizeCalendar(calendar, `${path}.excludeStructuredCalendar[${index}]`),
  );
  (spec.excludeCalendar ?? []).forEach((calendar, index) =>
    excludeStructuredCalendar.push(textCalendar(calendar, `${path}.excludeCalendar[${index}]`)),
  );
  if (timezoneName && !isKnownTimeZone(timezoneName)) {
    throw invalidSpec(`${path}.timezoneName`, `unknown time zone ${timezoneName}`);
  }
  const jitterMs = durationToMs(spec.jitter);
  if (jitterMs !== undefined && jitterMs < 0) throw invalidSpec(`${path}.jitter`, 'must not be negative');
  const startMs = timestampToMs(spec.startTime);
  const endMs = timestampToMs(spec.endTime);
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) {
    throw invalidSpec(`${path}.endTime`, 'must not be before startTime');
  }
  return {
    structuredCalendar,
    interval,
    excludeStructuredCalendar,
    startTime: spec.startTime ?? null,
    endTime: spec.endTime ?? null,
    jitter: jitterMs ? spec.jitter : null,
    timezoneName,
  };
}

function checkedInterval(
  everyMs: number,
  phaseMs: number,
  field: string,
): temporal.api.schedule.v1.IIntervalSpec {
  if (everyMs < 1000) throw invalidSpec(field, 'interval is too small (at least 1 s)');
  if (phaseMs < 0) throw invalidSpec(field, 'phase must not be negative');
  if (phaseMs > everyMs) throw invalidSpec(field, 'phase cannot be greater than Interval');
  return { interval: msToDuration(everyMs), phase: phaseMs > 0 ? msToDuration(phaseMs) : null };
}

function normalizeCalendar(calendar: StructuredCalendar, path: string): StructuredCalendar {
  const normalized: StructuredCalendar = { comment: calendar.comment ?? '' };
  for (const field of calendarFields) {
    normalized[field] = (calendar[field] ?? []).map((range, index): NormalizedRange => {
      const result = normalizeRange(field, range);
      if (typeof result === 'string') throw invalidSpec(`${path}.${field}[${index}]`, result);
      return result;
    });
  }
  return normalized;
}

function textCalendar(calendar: CalendarSpec, path: string): StructuredCalendar {
  const structured: StructuredCalendar = { comment: calendar.comment ?? '' };
  for (const field of calendarFields) {
    const text = calendar[field] || calendarTextDefaults[field];
    const ranges = parseCalendarField(field, text);
    if (typeof ranges === 'string') throw invalidSpec(`${path}.${field}`, ranges);
    structured[field] = ranges;
  }
  return structured;
}
