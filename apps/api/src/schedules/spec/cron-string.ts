// Cron strings as Temporal's ScheduleSpec.cron_string accepts them, compiled into structured calendars
// or intervals (Temporal stores and describes only the compiled form):
//   [CRON_TZ=<zone> | TZ=<zone>] <fields> [# comment]
//   5 fields: minute hour day-of-month month day-of-week
//   6 fields: ... + year;  7 fields: second + the 5 + year
//   @yearly @annually @monthly @weekly @daily @midnight @hourly, @every <duration>[/<phase>] (Go syntax)
import { parseGoDurationMs } from '@kairos/history/rules';
import { temporal } from '@kairos/proto';
import { calendarFields, type CalendarField, type NormalizedRange } from './calendar.ts';
import { parseCalendarField } from './calendar-text.ts';

type StructuredCalendar = temporal.api.schedule.v1.IStructuredCalendarSpec;

export type CompiledCron =
  | { kind: 'calendar'; calendar: StructuredCalendar; timezoneName: string | undefined }
  | { kind: 'interval'; everyMs: number; phaseMs: number; timezoneName: string | undefined };

const shorthands: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A non-negative Go duration (`@every 90s/15s`) in whole milliseconds; undefined when it is not one. */
function everyDurationMs(text: string): number | undefined {
  const ms = parseGoDurationMs(text.trim());
  return ms === undefined || ms < 0 ? undefined : Math.round(ms);
}

/** Compiles one cron string; returns the problem as a string when it is not valid. */
export function compileCronString(text: string): CompiledCron | string {
  let rest = text.trim();
  let comment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    comment = rest.slice(hash + 1).trim();
    rest = rest.slice(0, hash).trim();
  }
  let timezoneName: string | undefined;
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(rest);
  if (zone) {
    timezoneName = zone[1];
    rest = rest.slice(zone[0].length).trim();
  }
  if (rest.startsWith('@every')) {
    const [everyText = '', phaseText] = rest.slice('@every'.length).trim().split('/');
    const everyMs = everyDurationMs(everyText);
    const phaseMs = phaseText === undefined ? 0 : everyDurationMs(phaseText);
    if (everyMs === undefined) return `invalid @every duration ${JSON.stringify(everyText)}`;
    if (phaseMs === undefined) return `invalid @every phase ${JSON.stringify(phaseText)}`;
    return { kind: 'interval', everyMs, phaseMs, timezoneName };
  }
  const expanded = rest.startsWith('@') ? shorthands[rest.toLowerCase()] : rest;
  if (expanded === undefined) return `unknown cron shorthand ${JSON.stringify(rest)}`;
  const texts = expanded.split(/\s+/);
  const named = fieldTexts(texts);
  if (!named) return 'CronString does not have 5-7 fields';
  const calendar: StructuredCalendar = { comment };
  for (const field of calendarFields) {
    const ranges = parseCalendarField(field, named[field]);
    if (typeof ranges === 'string') return ranges;
    calendar[field] = ranges satisfies NormalizedRange[];
  }
  return { kind: 'calendar', calendar, timezoneName };
}

function fieldTexts(texts: string[]): Record<CalendarField, string> | undefined {
  const five = (from: number) => ({
    minute: texts[from] ?? '',
    hour: texts[from + 1] ?? '',
    dayOfMonth: texts[from + 2] ?? '',
    month: texts[from + 3] ?? '',
    dayOfWeek: texts[from + 4] ?? '',
  });
  if (texts.length === 5) return { second: '0', ...five(0), year: '*' };
  if (texts.length === 6) return { second: '0', ...five(0), year: texts[5] ?? '' };
  if (texts.length === 7) return { second: texts[0] ?? '', ...five(1), year: texts[6] ?? '' };
  return undefined;
}
