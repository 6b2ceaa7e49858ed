import { InvalidArgument } from '@kairos/errors';
import { applySchedulePatch } from '../../schedules/apply-schedule-patch.ts';
import { nextActionMs } from '../../schedules/schedule-timing.ts';
import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/** PatchSchedule: pause/unpause with a note, trigger now, backfill; the loop takes buffered starts at once. */
export function patchSchedule(dependencies: ScheduleRpcDependencies) {
  const { schedules } = dependencies;
  return engineRpc('PatchSchedule', dependencies, {
    validate(request) {
      if (!request.patch) throw InvalidArgument.forField('patch', 'must be set');
      if (request.patch.pause && request.patch.unpause) {
        throw InvalidArgument.forField('patch', 'pause and unpause cannot both be set');
      }
      return { scheduleId: requireScheduleId(request.scheduleId), patch: request.patch };
    },
    async handle({ scheduleId, patch }, namespace) {
      const nowMs = schedules.now();
      await schedules.store.change(namespace.id, scheduleId, (record) => {
        const patched = {
          ...applySchedulePatch(record, patch, nowMs),
          conflictToken: record.conflictToken + 1n,
          updatedMs: nowMs,
        };
        return { ...patched, nextActionMs: nextActionMs(patched, nowMs) };
      });
      schedules.wake();
      return {};
    },
  });
}
