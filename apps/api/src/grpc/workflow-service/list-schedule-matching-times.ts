import { InvalidArgument } from '@kairos/errors';
import { msToTimestamp, timestampToMs } from '@kairos/proto';
import { jitterSeed } from '../../schedules/schedule-timing.ts';
import { matchingTimesBetween } from '../../schedules/spec/next-matching-time.ts';
import { scheduleSpecMatcher } from '../../schedules/spec/schedule-spec.ts';
import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/** At most this many times per call, whatever the range. */
const maxTimes = 1000;

/** ListScheduleMatchingTimes: the spec's action times in (startTime, endTime], jitter included. */
export function listScheduleMatchingTimes(dependencies: ScheduleRpcDependencies) {
  return engineRpc('ListScheduleMatchingTimes', dependencies, {
    validate(request) {
      const startMs = timestampToMs(request.startTime);
      const endMs = timestampToMs(request.endTime);
      if (startMs === undefined) throw InvalidArgument.forField('startTime', 'must be set');
      if (endMs === undefined) throw InvalidArgument.forField('endTime', 'must be set');
      if (endMs < startMs) throw InvalidArgument.forField('endTime', 'must not be before startTime');
      return { scheduleId: requireScheduleId(request.scheduleId), startMs, endMs };
    },
    async handle({ scheduleId, startMs, endMs }, namespace) {
      const record = await dependencies.schedules.store.require(namespace.id, scheduleId);
      const matcher = scheduleSpecMatcher(record.schedule.spec ?? {});
      const times = matchingTimesBetween(matcher, startMs, endMs, jitterSeed(record), maxTimes);
      return { startTime: times.map((time) => msToTimestamp(time.actualMs)) };
    },
  });
}
