import { FailedPrecondition } from '@kairos/errors';
import { compileSchedule } from '../../schedules/compile-schedule.ts';
import { decodeConflictToken } from '../../schedules/schedule-record.ts';
import { nextActionMs } from '../../schedules/schedule-timing.ts';
import { checkStartSearchAttributes } from '../../visibility/start-search-attributes.ts';
import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/**
 * UpdateSchedule: replaces spec, action, policies and state (search attributes too, when sent). A
 * conflict token from an older DescribeSchedule is refused with FAILED_PRECONDITION (the reference
 * server drops such an update silently; an error tells the caller). The new spec acts from now on.
 */
export function updateSchedule(dependencies: ScheduleRpcDependencies) {
  const { schedules } = dependencies;
  return engineRpc('UpdateSchedule', dependencies, {
    validate: (request) => ({
      scheduleId: requireScheduleId(request.scheduleId),
      schedule: compileSchedule(request.schedule),
      conflictToken: request.conflictToken?.length ? request.conflictToken : undefined,
      searchAttributes: request.searchAttributes ?? undefined,
      actionSearchAttributes: request.schedule?.action?.startWorkflow?.searchAttributes,
    }),
    async handle(
      { scheduleId, schedule, conflictToken, searchAttributes, actionSearchAttributes },
      namespace,
    ) {
      await checkStartSearchAttributes(
        dependencies.visibility,
        namespace.id,
        actionSearchAttributes,
        'schedule.action.startWorkflow.searchAttributes',
      );
      const nowMs = schedules.now();
      await schedules.store.change(namespace.id, scheduleId, (record) => {
        if (conflictToken && decodeConflictToken(conflictToken) !== record.conflictToken) {
          throw new FailedPrecondition(
            `conflictToken: schedule ${JSON.stringify(scheduleId)} changed since the token was read; describe it again`,
          );
        }
        const updated = {
          ...record,
          schedule,
          searchAttributes: searchAttributes ?? record.searchAttributes,
          lastProcessedMs: Math.max(record.lastProcessedMs, nowMs),
          conflictToken: record.conflictToken + 1n,
          updatedMs: nowMs,
        };
        return { ...updated, nextActionMs: nextActionMs(updated, nowMs) };
      });
      schedules.wake();
      return {};
    },
  });
}
