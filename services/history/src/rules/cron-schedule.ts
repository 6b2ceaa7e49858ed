import { InvalidArgument } from '@kairos/errors';
import { CronExpressionParser } from 'cron-parser';
import { parseGoDurationMs } from './go-duration.ts';

/**
 * A workflow's `cronSchedule`, read as Temporal reads it (robfig/cron's standard parser): five fields
 * (minute hour day-of-month month day-of-week; names like JAN or MON, `*`, `?`, ranges, lists and
 * steps), a descriptor (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
 * `@hourly`) or `@every <Go duration>`, optionally after `TZ=<zone> ` or `CRON_TZ=<zone> `. Times are
 * UTC unless a zone is given. cron-parser computes the next time of a five-field expression; the
 * syntax check is ours because cron-parser accepts more than Temporal (seconds, L, W, #, H).
 */
export type CronSchedule =
  { kind: 'every'; intervalMs: number } | { kind: 'expression'; fields: string; timeZone: string };

export type CronReading = { ok: true; schedule: CronSchedule } | { ok: false; problem: string };

const descriptors: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Names standing for numbers, the first one for `min`. */
  names?: string[];
}

const fieldSpecs: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: monthNames },
  { name: 'day of week', min: 0, max: 6, names: dayNames },
];

const invalid = 'is not a valid cron schedule';

export function readCronSchedule(spec: string): CronReading {
  let rest = spec.trim();
  let timeZone = 'UTC';
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(rest);
  if (zone) {
    timeZone = zone[1]!;
    if (!isTimeZone(timeZone)) return { ok: false, problem: `${invalid}: unknown time zone ${timeZone}` };
    rest = rest.slice(zone[0].length);
  }
  if (rest.startsWith('@every ')) {
    const intervalMs = parseGoDurationMs(rest.slice('@every '.length).trim());
    if (intervalMs === undefined) return { ok: false, problem: `${invalid}: bad @every duration` };
    // robfig/cron: under a second runs every second; otherwise whole seconds.
    return {
      ok: true,
      schedule: { kind: 'every', intervalMs: Math.max(1000, Math.floor(intervalMs / 1000) * 1000) },
    };
  }
  if (rest.startsWith('@')) {
    const fields = descriptors[rest];
    if (!fields) return { ok: false, problem: `${invalid}: unknown descriptor ${rest}` };
    rest = fields;
  }
  const fields = rest.split(/\s+/);
  if (fields.length !== fieldSpecs.length) {
    return { ok: false, problem: `${invalid}: expected 5 fields, got ${fields.length}` };
  }
  for (const [index, field] of fields.entries()) {
    const problem = fieldProblem(field, fieldSpecs[index]!);
    if (problem) return { ok: false, problem: `${invalid}: ${problem}` };
  }
  const schedule: CronSchedule = { kind: 'expression', fields: fields.join(' '), timeZone };
  // An expression that never fires (Feb 30) is refused, as Temporal does.
  if (nextCronTimeMs(schedule, Date.now()) === undefined) {
    return { ok: false, problem: `${invalid}: no time can be found to satisfy the schedule` };
  }
  return { ok: true, schedule };
}

/**
 * The first time of the schedule strictly after `afterMs`, at whole seconds (robfig's `Next`);
 * undefined when there is none.
 */
export function nextCronTimeMs(schedule: CronSchedule, afterMs: number): number | undefined {
  const afterSecondMs = Math.floor(afterMs / 1000) * 1000;
  if (schedule.kind === 'every') return afterSecondMs + schedule.intervalMs;
  try {
    const expression = CronExpressionParser.parse(schedule.fields, {
      currentDate: new Date(afterSecondMs),
      tz: schedule.timeZone,
    });
    return expression.next().getTime();
  } catch {
    return undefined;
  }
}

/**
 * How long after `nowMs` the next run of a cron workflow starts (Temporal's GetBackoffForNextSchedule):
 * the first schedule time after the run's scheduled time that is not before now, rounded up to whole
 * seconds. Undefined for an unreadable schedule or one with no next time.
 */
export function cronBackoffMs(spec: string, scheduledTimeMs: number, nowMs: number): number | undefined {
  const reading = readCronSchedule(spec);
  if (!reading.ok) return undefined;
  let nextMs: number | undefined;
  if (nowMs < scheduledTimeMs) {
    nextMs = scheduledTimeMs;
  } else {
    nextMs = nextCronTimeMs(reading.schedule, scheduledTimeMs);
    while (nextMs !== undefined && nextMs < nowMs) nextMs = nextCronTimeMs(reading.schedule, nextMs);
  }
  if (nextMs === undefined) return undefined;
  return Math.ceil((nextMs - nowMs) / 1000) * 1000;
}

/**
 * A start request's cron schedule (empty: none). Temporal refuses an unreadable one and a cron
 * schedule combined with a start delay, with INVALID_ARGUMENT.
 */
export function checkCronScheduleRequest(
  cronSchedule: string | null | undefined,
  startDelayMs: number,
): void {
  if (!cronSchedule) return;
  const reading = readCronSchedule(cronSchedule);
  if (!reading.ok) throw InvalidArgument.forField('cronSchedule', reading.problem);
  if (startDelayMs > 0) {
    throw InvalidArgument.forField('cronSchedule', 'may not be used together with workflowStartDelay');
  }
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const part of field.split(',')) {
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0 || range === undefined) return `${spec.name} ${JSON.stringify(field)}`;
    if (step !== undefined && !/^\d+$/.test(step)) return `${spec.name} step ${JSON.stringify(step)}`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `${spec.name} range ${JSON.stringify(range)}`;
    const values = bounds.map((bound) => fieldValue(bound, spec));
    if (values.some((value) => value === undefined)) {
      return `${spec.name} ${JSON.stringify(range)} is outside ${spec.min}-${spec.max}`;
    }
    if (values.length === 2 && values[0]! > values[1]!) {
      return `${spec.name} range ${JSON.stringify(range)} ends before it starts`;
    }
  }
  return undefined;
}

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return spec.min + named;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
