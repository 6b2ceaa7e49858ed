import { randomUUID } from 'node:crypto';
import { checkMemoSize, memoSize } from '@kairos/history/rules';
import { applySchedulePatch } from '../../schedules/apply-schedule-patch.ts';
import { compileSchedule } from '../../schedules/compile-schedule.ts';
import {
  emptyBookkeeping,
  encodeConflictToken,
  type ScheduleRecord,
} from '../../schedules/schedule-record.ts';
import { nextActionMs } from '../../schedules/schedule-timing.ts';
import { checkStartSearchAttributes } from '../../visibility/start-search-attributes.ts';
import { engineRpc } from './engine-rpc.ts';
import { requireScheduleId, type ScheduleRpcDependencies } from './schedule-fields.ts';

/**
 * CreateSchedule: the schedule compiled (spec, action, policies), stored with its initial patch applied;
 * the loop takes it from there. A retry with the same request id answers success, any other create of
 * the id ALREADY_EXISTS with WorkflowExecutionAlreadyStartedFailure (the SDK's ScheduleAlreadyRunning).
 */
export function createSchedule(dependencies: ScheduleRpcDependencies) {
  const { schedules } = dependencies;
  return engineRpc('CreateSchedule', dependencies, {
    validate(request) {
      const scheduleId = requireScheduleId(request.scheduleId);
      const schedule = compileSchedule(request.schedule);
      checkMemoSize('memo', memoSize(request.memo));
      return { request, scheduleId, schedule };
    },
    async handle({ request, scheduleId, schedule }, namespace) {
      await checkStartSearchAttributes(
        dependencies.visibility,
        namespace.id,
        request.schedule?.action?.startWorkflow?.searchAttributes,
        'schedule.action.startWorkflow.searchAttributes',
      );
      const nowMs = schedules.now();
      let record: ScheduleRecord = {
        namespaceId: namespace.id,
        namespaceName: namespace.name,
        scheduleId,
        schedule,
        memo: request.memo ?? undefined,
        searchAttributes: request.searchAttributes ?? undefined,
        bookkeeping: emptyBookkeeping(),
        lastProcessedMs: nowMs,
        nextActionMs: undefined,
        conflictToken: 1n,
        createRequestId: request.requestId || randomUUID(),
        createdMs: nowMs,
        updatedMs: undefined,
      };
      if (request.initialPatch)
        record = applySchedulePatch(record, request.initialPatch, nowMs, 'initialPatch');
      record = { ...record, nextActionMs: nextActionMs(record, nowMs) };
      const stored = await schedules.store.create(record);
      schedules.wake();
      return { conflictToken: encodeConflictToken(stored.conflictToken) };
    },
  });
}
