import { durationToMs, int64ToNumber, temporal, timestampToMs } from '@kairos/proto';
import { eventTypeName, historyEventView, type JsonValue } from './event-view.ts';
import { payloadsView, payloadView, type PayloadView } from './payload-view.ts';

const { WorkflowExecutionStatus, PendingActivityState } = temporal.api.enums.v1;

export interface PendingActivityView {
  activityId: string;
  activityType: string;
  /** Scheduled, Started or CancelRequested. */
  state: string;
  attempt: number;
  maximumAttempts: number;
  scheduledTime: string | null;
  lastStartedTime: string | null;
  lastHeartbeatTime: string | null;
  lastFailure: string | null;
}

/** How the run ended, from its close event: a result, a failure (JSON text), or a reason. */
export interface OutcomeView {
  eventType: string;
  result: PayloadView[] | null;
  failure: string | null;
  reason: string | null;
}

export interface WorkflowDescription {
  workflowId: string;
  runId: string;
  workflowType: string;
  /** Running, Completed, Failed, Canceled, Terminated, ContinuedAsNew, TimedOut. */
  status: string;
  taskQueue: string;
  startTime: string | null;
  executionTime: string | null;
  closeTime: string | null;
  historyLength: number;
  historySizeBytes: number;
  runTimeoutMs: number | null;
  executionTimeoutMs: number | null;
  input: PayloadView[];
  outcome: OutcomeView | null;
  /** Name → the value as JSON text (or base64 with its encoding when not JSON). */
  searchAttributes: Record<string, PayloadView>;
  memo: Record<string, PayloadView>;
  pendingActivities: PendingActivityView[];
}

function isoOf(timestamp: Parameters<typeof timestampToMs>[0]): string | null {
  const ms = timestampToMs(timestamp);
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** `WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW` → `ContinuedAsNew`; `PENDING_ACTIVITY_STATE_…` alike. */
function enumWord(name: string | undefined, prefix: string): string {
  return eventTypeName((name ?? 'UNSPECIFIED').replace(prefix, 'EVENT_TYPE_'));
}

function mapOfPayloads(
  fields: Record<string, temporal.api.common.v1.IPayload> | null | undefined,
): Record<string, PayloadView> {
  return Object.fromEntries(
    Object.entries(fields ?? {}).map(([name, payload]) => [name, payloadView(payload)]),
  );
}

function pendingActivityView(activity: temporal.api.workflow.v1.IPendingActivityInfo): PendingActivityView {
  return {
    activityId: activity.activityId ?? '',
    activityType: activity.activityType?.name ?? '',
    state: enumWord(PendingActivityState[activity.state ?? 0], 'PENDING_ACTIVITY_STATE_'),
    attempt: activity.attempt ?? 0,
    maximumAttempts: activity.maximumAttempts ?? 0,
    scheduledTime: isoOf(activity.scheduledTime),
    lastStartedTime: isoOf(activity.lastStartedTime),
    lastHeartbeatTime: isoOf(activity.lastHeartbeatTime),
    lastFailure: activity.lastFailure?.message ?? null,
  };
}

function failureText(details: { [key: string]: JsonValue }): string | null {
  const failure = details.failure;
  return failure === undefined || failure === null ? null : JSON.stringify(failure, null, 2);
}

/** The close event's outcome; null while the run is open. */
export function outcomeView(event: temporal.api.history.v1.IHistoryEvent | undefined): OutcomeView | null {
  if (!event) return null;
  const view = historyEventView(event);
  const attributesKey = Object.keys(view.details).find((key) => key.endsWith('EventAttributes'));
  const raw = attributesKey === undefined ? undefined : view.details[attributesKey];
  const attributes = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
  const completed = event.workflowExecutionCompletedEventAttributes;
  return {
    eventType: view.type,
    result: completed ? payloadsView(completed.result) : null,
    failure: failureText(attributes),
    reason: typeof attributes.reason === 'string' ? attributes.reason : null,
  };
}

export function describeView(
  response: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse,
  firstEvent: temporal.api.history.v1.IHistoryEvent | undefined,
  closeEvent: temporal.api.history.v1.IHistoryEvent | undefined,
): WorkflowDescription {
  const info = response.workflowExecutionInfo ?? {};
  const config = response.executionConfig ?? {};
  const started = firstEvent?.workflowExecutionStartedEventAttributes;
  return {
    workflowId: info.execution?.workflowId ?? '',
    runId: info.execution?.runId ?? '',
    workflowType: info.type?.name ?? '',
    status: enumWord(WorkflowExecutionStatus[info.status ?? 0], 'WORKFLOW_EXECUTION_STATUS_'),
    taskQueue: info.taskQueue ?? config.taskQueue?.name ?? '',
    startTime: isoOf(info.startTime),
    executionTime: isoOf(info.executionTime),
    closeTime: isoOf(info.closeTime),
    historyLength: info.historyLength ? int64ToNumber(info.historyLength) : 0,
    historySizeBytes: info.historySizeBytes ? int64ToNumber(info.historySizeBytes) : 0,
    runTimeoutMs: durationToMs(config.workflowRunTimeout) ?? null,
    executionTimeoutMs: durationToMs(config.workflowExecutionTimeout) ?? null,
    input: payloadsView(started?.input),
    outcome: outcomeView(closeEvent),
    searchAttributes: mapOfPayloads(info.searchAttributes?.indexedFields),
    memo: mapOfPayloads(info.memo?.fields),
    pendingActivities: (response.pendingActivities ?? []).map(pendingActivityView),
  };
}
