// When a schedule acts next: the earliest instant after a given one that a calendar or an interval
// matches, is not excluded and lies within [startTime, endTime] (both inclusive, as in Temporal);
// then the jitter that delays it.
import { createHash } from 'node:crypto';
import { calendarMatches, nextLocalMatch, type CalendarMatcher } from './calendar.ts';
import { instantsOf, localTimeAt, naiveMs, offsetAt, utcFields } from './local-time.ts';
import type { ScheduleSpecMatcher } from './schedule-spec.ts';

export interface ScheduledTime {
  /** The time the spec names (workflow ids and ScheduledStartTime use it). */
  nominalMs: number;
  /** The nominal time plus the jitter: when the action is taken. */
  actualMs: number;
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** Excluded matches skipped in a row before giving up (an exclude that swallows everything). */
const maxExcludedInARow = 100_000;

/** The next scheduled time strictly after `afterMs`; undefined when the spec has no more. */
export function nextMatchingTime(
  spec: ScheduleSpecMatcher,
  afterMs: number,
  jitterSeed: string,
): ScheduledTime | undefined {
  const nominalMs = nextNominalTime(spec, afterMs);
  if (nominalMs === undefined) return undefined;
  if (spec.jitterMs <= 0) return { nominalMs, actualMs: nominalMs };
  // Jitter never pushes an action past the next one (Temporal caps it the same way).
  const following = nextNominalTime(spec, nominalMs);
  const cap = following === undefined ? spec.jitterMs : Math.min(spec.jitterMs, following - nominalMs);
  return { nominalMs, actualMs: nominalMs + Math.floor(jitterFraction(jitterSeed, nominalMs) * cap) };
}

/** ListScheduleMatchingTimes: the actual times in (startMs, endMs], at most `limit`. */
export function matchingTimesBetween(
  spec: ScheduleSpecMatcher,
  startMs: number,
  endMs: number,
  jitterSeed: string,
  limit: number,
): ScheduledTime[] {
  const times: ScheduledTime[] = [];
  let after = startMs;
  while (times.length < limit) {
    const next = nextMatchingTime(spec, after, jitterSeed);
    if (!next || next.nominalMs > endMs) break;
    times.push(next);
    after = next.nominalMs;
  }
  return times;
}

function nextNominalTime(spec: ScheduleSpecMatcher, afterMs: number): number | undefined {
  let after = spec.startMs !== undefined && afterMs < spec.startMs ? spec.startMs - 1 : afterMs;
  for (let skipped = 0; skipped < maxExcludedInARow; skipped++) {
    let next: number | undefined;
    for (const interval of spec.intervals) next = earliest(next, nextIntervalTime(interval, after));
    for (const calendar of spec.calendars)
      next = earliest(next, nextCalendarTime(calendar, spec.timeZone, after));
    if (next === undefined || (spec.endMs !== undefined && next > spec.endMs)) return undefined;
    const local = spec.excludes.length > 0 ? localTimeAt(spec.timeZone, next) : undefined;
    if (!local || !spec.excludes.some((exclude) => calendarMatches(exclude, local))) return next;
    after = next;
  }
  return undefined;
}

/** Intervals count from the Unix epoch plus the phase, in absolute time (no time zone). */
function nextIntervalTime(interval: { everyMs: number; phaseMs: number }, afterMs: number): number {
  const periods = Math.floor((afterMs - interval.phaseMs) / interval.everyMs) + 1;
  return interval.phaseMs + periods * interval.everyMs;
}

/**
 * The first instant after `afterMs` whose wall-clock time matches. An instant matches when its local
 * time does, so in a fall-back overlap a time matches twice and in a spring-forward gap not at all.
 * Near a transition local time is not monotonic: look back from a little before and keep the minimum.
 */
function nextCalendarTime(calendar: CalendarMatcher, timeZone: string, afterMs: number): number | undefined {
  const afterSecond = Math.floor(afterMs / 1000) * 1000;
  const nearTransition = offsetAt(timeZone, afterMs - dayMs) !== offsetAt(timeZone, afterMs + 2 * dayMs);
  const window = nearTransition ? 3 * hourMs : 0;
  let cursor = utcFields(naiveMs(localTimeAt(timeZone, afterSecond)) - window);
  let best: number | undefined;
  let bestNaive = 0;
  for (;;) {
    const local = nextLocalMatch(calendar, cursor);
    if (!local) return best;
    const naive = naiveMs(local);
    if (best !== undefined && naive > bestNaive + window) return best;
    for (const instant of instantsOf(timeZone, local)) {
      if (instant > afterMs && (best === undefined || instant < best)) {
        best = instant;
        bestNaive = naive;
      }
    }
    if (best !== undefined && window === 0) return best;
    cursor = utcFields(naive + 1000);
  }
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** A fraction in [0, 1) fixed by the seed and the time, so a replayed computation jitters alike. */
function jitterFraction(seed: string, nominalMs: number): number {
  const digest = createHash('sha256').update(`${seed}/${nominalMs}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
