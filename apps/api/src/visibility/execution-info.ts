import { google, Long, msToTimestamp, temporal } from '@kairos/proto';
import { EXECUTION_STATUS_NAMES, type ExecutionStatusName, type VisibilityRecord } from '@kairos/visibility';
import { searchAttributesMessage } from './search-attribute-payloads.ts';

type ExecutionInfo = temporal.api.workflow.v1.IWorkflowExecutionInfo;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * A visibility record as List/Scan/ListOpen/ListClosedWorkflowExecutions return it (Temporal's
 * WorkflowExecutionInfo): what the record holds, nothing read from history.
 */
export function toWorkflowExecutionInfo(record: VisibilityRecord): ExecutionInfo {
  return {
    execution: { workflowId: record.workflowId, runId: record.runId },
    type: { name: record.workflowType },
    startTime: msToTimestamp(record.startTime.getTime()),
    closeTime: record.closeTime === null ? null : msToTimestamp(record.closeTime.getTime()),
    status: executionStatusOf(record.status),
    historyLength: Long.fromNumber(record.historyLength),
    historySizeBytes: Long.fromNumber(record.historySizeBytes),
    executionTime: msToTimestamp(record.executionTime.getTime()),
    memo: record.memo.length > 0 ? temporal.api.common.v1.Memo.decode(record.memo) : null,
    searchAttributes: searchAttributesMessage(record.searchAttributes),
    taskQueue: record.taskQueue,
    stateTransitionCount: Long.fromNumber(record.stateTransitionCount),
    parentExecution:
      record.parentWorkflowId === null
        ? null
        : { workflowId: record.parentWorkflowId, runId: record.parentRunId ?? '' },
    rootExecution:
      record.rootWorkflowId === null
        ? null
        : { workflowId: record.rootWorkflowId, runId: record.rootRunId ?? '' },
    executionDuration: record.executionDuration === null ? null : nanosToDuration(record.executionDuration),
  };
}

/** `Running` → WORKFLOW_EXECUTION_STATUS_RUNNING (the names are the enum's order, from 1). */
export function executionStatusOf(name: ExecutionStatusName): temporal.api.enums.v1.WorkflowExecutionStatus {
  const index = EXECUTION_STATUS_NAMES.indexOf(name);
  return index < 0 ? Status.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED : index + 1;
}

function nanosToDuration(nanos: bigint): google.protobuf.IDuration {
  return {
    seconds: Long.fromString((nanos / NANOS_PER_SECOND).toString()),
    nanos: Number(nanos % NANOS_PER_SECOND),
  };
}
