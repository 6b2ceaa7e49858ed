// Wall-clock time in an IANA time zone, through Intl (no time-zone database in the tree). Calendar specs
// match wall-clock fields; the scheduler works in instants. UTC takes a fast path.

/** A wall-clock date and time; month 1-12, day of week 0 (Sunday) - 6. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (`UTC`, `Europe/Paris`, ...). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `ms` (second precision) in the zone. */
export function localTimeAt(timeZone: string, ms: number): LocalTime {
  if (timeZone === 'UTC') return utcFields(ms);
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** The wall-clock fields read as if they were UTC: a sortable number for a local time. */
export function naiveMs(local: LocalTime): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, 0);
  return date.getTime();
}

/** The zone's offset from UTC at the instant, in ms (positive east of Greenwich). */
export function offsetAt(timeZone: string, ms: number): number {
  if (timeZone === 'UTC') return 0;
  const whole = Math.floor(ms / 1000) * 1000;
  return naiveMs(localTimeAt(timeZone, whole)) - whole;
}

/**
 * Every instant whose wall-clock time in the zone is `local`, earliest first: one normally, none in a
 * spring-forward gap, two in a fall-back overlap.
 */
export function instantsOf(timeZone: string, local: LocalTime): number[] {
  const naive = naiveMs(local);
  if (timeZone === 'UTC') return [naive];
  const day = 86_400_000;
  const offsets = new Set([
    offsetAt(timeZone, naive - day),
    offsetAt(timeZone, naive),
    offsetAt(timeZone, naive + day),
  ]);
  const instants = [...offsets]
    .map((offset) => naive - offset)
    .filter((instant) => offsetAt(timeZone, instant) === naive - instant);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** 0 = Sunday. */
export function dayOfWeek(local: Pick<LocalTime, 'year' | 'month' | 'day'>): number {
  return new Date(naiveMs({ ...local, hour: 0, minute: 0, second: 0 })).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(naiveMs({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0 })).getUTCDate();
}

/** The fields of a UTC instant, or of a naive (zone-less) wall-clock time kept as UTC milliseconds. */
export function utcFields(ms: number): LocalTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}
