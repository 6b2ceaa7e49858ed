// Shared by the spec tests: compile a spec and list its times as ISO strings.
import { msToDuration, msToTimestamp, temporal } from '@kairos/proto';
import { compileScheduleSpec } from './compile-spec.ts';
import { matchingTimesBetween } from './next-matching-time.ts';
import { scheduleSpecMatcher } from './schedule-spec.ts';

export const seconds = (value: number) => msToDuration(value * 1000);
export const at = (iso: string) => msToTimestamp(Date.parse(iso));

/** Actual times in (start, end], as ISO strings, like ListScheduleMatchingTimes. */
export function timesOf(
  spec: temporal.api.schedule.v1.IScheduleSpec,
  startIso: string,
  endIso: string,
  limit = 1000,
): string[] {
  const matcher = scheduleSpecMatcher(compileScheduleSpec(spec));
  return matchingTimesBetween(matcher, Date.parse(startIso), Date.parse(endIso), 'seed', limit).map((time) =>
    new Date(time.actualMs).toISOString(),
  );
}
