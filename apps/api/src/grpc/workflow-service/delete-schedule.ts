import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/** DeleteSchedule: the schedule stops; workflows it started keep running (as in Temporal). */
export function deleteSchedule(dependencies: ScheduleRpcDependencies) {
  return engineRpc('DeleteSchedule', dependencies, {
    validate: (request) => requireScheduleId(request.scheduleId),
    async handle(scheduleId, namespace) {
      await dependencies.schedules.store.delete(namespace.id, scheduleId);
      return {};
    },
  });
}
