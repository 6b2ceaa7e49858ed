// The StartWorkflowExecution request a schedule's action becomes at one nominal time. Deterministic in
// (schedule, nominal time): a step retried after a crash sends the same workflow id and request id, and
// history answers the run it already started instead of starting another.
import { createHash } from 'node:crypto';
import { temporal } from '@kairos/proto';
import type { BufferedStart, ScheduleRecord } from './schedule-record.ts';

type StartRequest = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;

/** `2026-11-23T13:17:02Z`: the nominal time Temporal appends to the action's workflow id. */
export function nominalTimeSuffix(nominalMs: number): string {
  return new Date(Math.floor(nominalMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function scheduledStartRequest(record: ScheduleRecord, start: BufferedStart): StartRequest {
  const action = record.schedule.action?.startWorkflow ?? {};
  const keepId = record.schedule.policies?.keepOriginalWorkflowId === true;
  const suffix = nominalTimeSuffix(start.nominalMs);
  return {
    namespace: record.namespaceName,
    workflowId: keepId ? action.workflowId : `${action.workflowId}-${suffix}`,
    workflowType: action.workflowType,
    taskQueue: action.taskQueue,
    input: action.input,
    workflowExecutionTimeout: action.workflowExecutionTimeout,
    workflowRunTimeout: action.workflowRunTimeout,
    workflowTaskTimeout: action.workflowTaskTimeout,
    workflowIdReusePolicy: action.workflowIdReusePolicy,
    retryPolicy: action.retryPolicy,
    memo: action.memo,
    header: action.header,
    userMetadata: action.userMetadata,
    priority: action.priority,
    identity: schedulerIdentity(record),
    requestId: scheduledStartRequestId(record, start),
    searchAttributes: {
      indexedFields: {
        ...action.searchAttributes?.indexedFields,
        // What Temporal sets on every scheduled run, so visibility can find a schedule's runs.
        TemporalScheduledById: keywordPayload('Keyword', record.scheduleId),
        TemporalScheduledStartTime: keywordPayload('Datetime', suffix),
      },
    },
  };
}

export function schedulerIdentity(record: Pick<ScheduleRecord, 'namespaceName' | 'scheduleId'>): string {
  return `temporal-scheduler-${record.namespaceName}-${record.scheduleId}`;
}

function scheduledStartRequestId(record: ScheduleRecord, start: BufferedStart): string {
  const key = `${record.namespaceId}/${record.scheduleId}/${start.nominalMs}/${start.manual ? 'manual' : 'spec'}`;
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function keywordPayload(type: string, value: string): temporal.api.common.v1.IPayload {
  return {
    metadata: { encoding: Buffer.from('json/plain'), type: Buffer.from(type) },
    data: Buffer.from(JSON.stringify(value)),
  };
}
