// Temporal's StructuredCalendarSpec as Kairos evaluates it: each field is a list of ranges (start, end,
// step); a wall-clock time matches when every field has a range containing it (year: no ranges = any
// year). Day of month and day of week must both match (Temporal's rule, unlike classic cron's "or").
import { temporal } from '@kairos/proto';
import { dayOfWeek, daysInMonth, type LocalTime } from './local-time.ts';

type StructuredCalendar = temporal.api.schedule.v1.IStructuredCalendarSpec;
type Range = temporal.api.schedule.v1.IRange;

export const calendarFields = [
  'second',
  'minute',
  'hour',
  'dayOfMonth',
  'month',
  'year',
  'dayOfWeek',
] as const;
export type CalendarField = (typeof calendarFields)[number];

/** Bounds of each field and the name Temporal uses in its "is not in range" message. */
export const calendarFieldBounds: Record<CalendarField, { min: number; max: number; label: string }> = {
  second: { min: 0, max: 59, label: 'Second' },
  minute: { min: 0, max: 59, label: 'Minute' },
  hour: { min: 0, max: 23, label: 'Hour' },
  dayOfMonth: { min: 1, max: 31, label: 'DayOfMonth' },
  month: { min: 1, max: 12, label: 'Month' },
  year: { min: 2000, max: 2100, label: 'Year' },
  dayOfWeek: { min: 0, max: 6, label: 'DayOfWeek' },
};

export interface NormalizedRange {
  start: number;
  end: number;
  step: number;
}

/**
 * Temporal's defaulting of a range (end below start means end = start; step 0 means 1), checked against
 * the field's bounds. Returns the problem in Temporal's words instead of throwing.
 */
export function normalizeRange(field: CalendarField, range: Range): NormalizedRange | string {
  const start = range.start ?? 0;
  const end = Math.max(range.end ?? 0, start);
  const step = range.step && range.step > 0 ? range.step : 1;
  const bounds = calendarFieldBounds[field];
  if (start < bounds.min || end > bounds.max) {
    return `${bounds.label} is not in range [${bounds.min}-${bounds.max}]`;
  }
  return { start, end, step };
}

/** A calendar ready to match: a lookup table per field. */
export interface CalendarMatcher {
  second: boolean[];
  minute: boolean[];
  hour: boolean[];
  dayOfMonth: boolean[];
  month: boolean[];
  dayOfWeek: boolean[];
  /** Undefined: every year. */
  years: NormalizedRange[] | undefined;
}

/** Builds the matcher of a calendar already normalized by compileScheduleSpec. */
export function calendarMatcher(calendar: StructuredCalendar): CalendarMatcher {
  const table = (field: Exclude<CalendarField, 'year'>) => {
    const values = new Array<boolean>(calendarFieldBounds[field].max + 1).fill(false);
    for (const range of calendar[field] ?? []) {
      const { start, end, step } = rangeOf(range);
      for (let value = start; value <= end; value += step) values[value] = true;
    }
    return values;
  };
  const years = calendar.year?.length ? calendar.year.map(rangeOf) : undefined;
  return {
    second: table('second'),
    minute: table('minute'),
    hour: table('hour'),
    dayOfMonth: table('dayOfMonth'),
    month: table('month'),
    dayOfWeek: table('dayOfWeek'),
    years,
  };
}

export function calendarMatches(matcher: CalendarMatcher, local: LocalTime): boolean {
  return (
    yearMatches(matcher, local.year) &&
    matcher.month[local.month] === true &&
    matcher.dayOfMonth[local.day] === true &&
    matcher.dayOfWeek[dayOfWeek(local)] === true &&
    matcher.hour[local.hour] === true &&
    matcher.minute[local.minute] === true &&
    matcher.second[local.second] === true
  );
}

/** The earliest wall-clock time at or after `from` that matches, within 100 years; undefined if none. */
export function nextLocalMatch(matcher: CalendarMatcher, from: LocalTime): LocalTime | undefined {
  const lastYear = matcher.years
    ? Math.min(Math.max(...matcher.years.map((range) => range.end)), from.year + 100)
    : from.year + 100;
  for (let year = from.year; year <= lastYear; year++) {
    if (!yearMatches(matcher, year)) continue;
    const inFromYear = year === from.year;
    for (let month = inFromYear ? from.month : 1; month <= 12; month++) {
      if (!matcher.month[month]) continue;
      const inFromMonth = inFromYear && month === from.month;
      const lastDay = daysInMonth(year, month);
      for (let day = inFromMonth ? from.day : 1; day <= lastDay; day++) {
        if (!matcher.dayOfMonth[day] || !matcher.dayOfWeek[dayOfWeek({ year, month, day })]) continue;
        const time = firstTimeOfDay(matcher, inFromMonth && day === from.day ? from : undefined);
        if (time) return { year, month, day, ...time };
      }
    }
  }
  return undefined;
}

function firstTimeOfDay(
  matcher: CalendarMatcher,
  notBefore: LocalTime | undefined,
): Pick<LocalTime, 'hour' | 'minute' | 'second'> | undefined {
  for (let hour = notBefore?.hour ?? 0; hour <= 23; hour++) {
    if (!matcher.hour[hour]) continue;
    const inFromHour = notBefore !== undefined && hour === notBefore.hour;
    for (let minute = inFromHour ? notBefore.minute : 0; minute <= 59; minute++) {
      if (!matcher.minute[minute]) continue;
      const inFromMinute = inFromHour && minute === notBefore.minute;
      for (let second = inFromMinute ? notBefore.second : 0; second <= 59; second++) {
        if (matcher.second[second]) return { hour, minute, second };
      }
    }
  }
  return undefined;
}

function yearMatches(matcher: CalendarMatcher, year: number): boolean {
  if (!matcher.years) return true;
  return matcher.years.some(
    (range) => year >= range.start && year <= range.end && (year - range.start) % range.step === 0,
  );
}

function rangeOf(range: Range): NormalizedRange {
  const start = range.start ?? 0;
  return { start, end: Math.max(range.end ?? 0, start), step: range.step && range.step > 0 ? range.step : 1 };
}
