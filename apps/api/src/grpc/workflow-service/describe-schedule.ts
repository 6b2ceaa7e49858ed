import { describeScheduleResponse } from '../../schedules/schedule-description.ts';
import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/** DescribeSchedule: the compiled schedule, its counters, recent and running actions, next 10 times. */
export function describeSchedule(dependencies: ScheduleRpcDependencies) {
  return engineRpc('DescribeSchedule', dependencies, {
    validate: (request) => requireScheduleId(request.scheduleId),
    async handle(scheduleId, namespace) {
      const record = await dependencies.schedules.store.require(namespace.id, scheduleId);
      return describeScheduleResponse(record, dependencies.history, namespace);
    },
  });
}
