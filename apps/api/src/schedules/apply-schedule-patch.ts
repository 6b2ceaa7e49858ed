// PatchSchedule (and CreateSchedule's initial patch): pause and unpause with a note, trigger an action
// now, backfill the spec's times over a past range. Triggers and backfills become buffered "manual"
// starts that the next scheduler step takes under their overlap policy, paused or not.
import { InvalidArgument } from '@kairos/errors';
import { temporal, timestampToMs } from '@kairos/proto';
import { overlapPolicyOf } from './compile-schedule.ts';
import { Overlap, scheduleLimits, type BufferedStart, type ScheduleRecord } from './schedule-record.ts';
import { jitterSeed } from './schedule-timing.ts';
import { matchingTimesBetween } from './spec/next-matching-time.ts';
import { scheduleSpecMatcher } from './spec/schedule-spec.ts';

export function applySchedulePatch(
  record: ScheduleRecord,
  patch: temporal.api.schedule.v1.ISchedulePatch,
  nowMs: number,
  path = 'patch',
): ScheduleRecord {
  const state = { ...record.schedule.state };
  let lastProcessedMs = record.lastProcessedMs;
  if (patch.pause) {
    state.paused = true;
    state.notes = patch.pause;
  }
  if (patch.unpause) {
    // Times that passed while paused are not caught up.
    if (state.paused) lastProcessedMs = Math.max(lastProcessedMs, nowMs);
    state.paused = false;
    state.notes = patch.unpause;
  }
  const policy = record.schedule.policies?.overlapPolicy ?? Overlap.SCHEDULE_OVERLAP_POLICY_SKIP;
  const added: BufferedStart[] = [];
  if (patch.triggerImmediately) {
    const trigger = patch.triggerImmediately;
    added.push({
      nominalMs: timestampToMs(trigger.scheduledTime) ?? nowMs,
      actualMs: nowMs,
      overlap: overlapPolicyOf(trigger.overlapPolicy, policy, `${path}.triggerImmediately.overlapPolicy`),
      manual: true,
    });
  }
  const room = () => scheduleLimits.bufferedStarts - record.bookkeeping.buffered.length - added.length;
  (patch.backfillRequest ?? []).forEach((backfill, index) => {
    const field = `${path}.backfillRequest[${index}]`;
    const startMs = timestampToMs(backfill.startTime);
    const endMs = timestampToMs(backfill.endTime);
    if (startMs === undefined) throw InvalidArgument.forField(`${field}.startTime`, 'must be set');
    if (endMs === undefined) throw InvalidArgument.forField(`${field}.endTime`, 'must be set');
    if (endMs < startMs) throw InvalidArgument.forField(`${field}.endTime`, 'must not be before startTime');
    const overlap = overlapPolicyOf(backfill.overlapPolicy, policy, `${field}.overlapPolicy`);
    // Both ends inclusive, as the reference server backfills.
    const matcher = scheduleSpecMatcher(record.schedule.spec ?? {});
    const times = matchingTimesBetween(matcher, startMs - 1, endMs, jitterSeed(record), room() + 1);
    if (times.length > room()) {
      throw InvalidArgument.forField(
        field,
        `covers more than the ${scheduleLimits.bufferedStarts} actions a schedule can have waiting; split it`,
      );
    }
    for (const time of times)
      added.push({ nominalMs: time.nominalMs, actualMs: nowMs, overlap, manual: true });
  });
  return {
    ...record,
    schedule: { ...record.schedule, state },
    lastProcessedMs,
    bookkeeping: { ...record.bookkeeping, buffered: [...record.bookkeeping.buffered, ...added] },
  };
}
