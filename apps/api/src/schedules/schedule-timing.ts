// When a schedule's next spec action is, and when the loop must look at it again.
import { durationToMs, int64ToNumber } from '@kairos/proto';
import { nextMatchingTime, type ScheduledTime } from './spec/next-matching-time.ts';
import { scheduleSpecMatcher } from './spec/schedule-spec.ts';
import type { ScheduleRecord } from './schedule-record.ts';

/** Temporal's default catch-up window, and the shortest it accepts. */
export const defaultCatchupWindowMs = 365 * 24 * 3_600_000;
export const minCatchupWindowMs = 10_000;
/** How often a start waiting for a running workflow (BUFFER_*, CANCEL_OTHER) checks on it. */
export const runningRecheckMs = 1_000;

export function jitterSeed(record: Pick<ScheduleRecord, 'namespaceId' | 'scheduleId'>): string {
  return `${record.namespaceId}/${record.scheduleId}`;
}

export function catchupWindowMs(record: ScheduleRecord): number {
  const window = durationToMs(record.schedule.policies?.catchupWindow);
  return window === undefined || window === 0 ? defaultCatchupWindowMs : Math.max(window, minCatchupWindowMs);
}

/** False once a schedule with limited actions has used them all. */
export function hasActionsLeft(record: ScheduleRecord): boolean {
  const state = record.schedule.state;
  return !state?.limitedActions || int64ToNumber(state.remainingActions) > 0;
}

/** The next time the spec acts after `afterMs`, if the schedule may act on its own at all. */
export function nextSpecTime(record: ScheduleRecord, afterMs: number): ScheduledTime | undefined {
  if (record.schedule.state?.paused || !hasActionsLeft(record)) return undefined;
  return nextMatchingTime(scheduleSpecMatcher(record.schedule.spec ?? {}), afterMs, jitterSeed(record));
}

/**
 * When the loop must next process the schedule: its next spec action, or right away when starts are
 * buffered (an rpc just triggered or backfilled), or soon when buffered starts wait on a running one.
 */
export function nextActionMs(
  record: ScheduleRecord,
  nowMs: number,
  waitingOnRunning = false,
): number | undefined {
  const candidates: number[] = [];
  const spec = nextSpecTime(record, record.lastProcessedMs);
  if (spec) candidates.push(spec.actualMs);
  if (record.bookkeeping.buffered.length > 0)
    candidates.push(waitingOnRunning ? nowMs + runningRecheckMs : nowMs);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
