import { createSchedule } from './create-schedule.ts';
import { deleteSchedule } from './delete-schedule.ts';
import { describeSchedule } from './describe-schedule.ts';
import { listScheduleMatchingTimes } from './list-schedule-matching-times.ts';
import { listSchedules } from './list-schedules.ts';
import { patchSchedule } from './patch-schedule.ts';
import type { ScheduleRpcDependencies } from './schedule-fields.ts';
import { updateSchedule } from './update-schedule.ts';

/** The schedule rpcs (docs/schedules.md); served when the api process hosts the scheduler. */
export function scheduleHandlers(dependencies: ScheduleRpcDependencies) {
  return {
    CreateSchedule: createSchedule(dependencies),
    DescribeSchedule: describeSchedule(dependencies),
    ListSchedules: listSchedules(dependencies),
    UpdateSchedule: updateSchedule(dependencies),
    PatchSchedule: patchSchedule(dependencies),
    DeleteSchedule: deleteSchedule(dependencies),
    ListScheduleMatchingTimes: listScheduleMatchingTimes(dependencies),
  };
}
