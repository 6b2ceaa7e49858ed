/**
 * Pure rules of the history service: Temporal's validation and defaulting of workflow task commands,
 * retry policies and payload limits. No I/O: protobuf messages in, plain normalised data out
 * (milliseconds as numbers). The api imports the request-level parts (limits, sizes, retry policy).
 */
export * from './limits.ts';
export {
  checkHistoryLimits,
  historyCountExceededReason,
  historySizeExceededReason,
  suggestContinueAsNewReasons,
  type HistoryLimitVerdict,
  type HistoryStats,
} from './history-limits.ts';
export { readDuration, requireDuration, type DurationReading } from './proto-duration.ts';
export {
  defaultRetryPolicySettings,
  nextRetryDelay,
  normalizeRetryPolicy,
  normalizeWorkflowRetryPolicy,
  type NextRetryDelayInput,
  type NormalizeRetryPolicyOptions,
  type NormalizedRetryPolicy,
  type RetryDecision,
  type RetryPolicyDefaults,
  type RetryStopReason,
} from './retry-policy.ts';
export { isRetryableFailure, parseTimeoutTypeName, timeoutFailureTypePrefix } from './retryable-failure.ts';
export {
  WorkflowTaskFailedCause,
  causeShortName,
  workflowTaskFailureMessage,
  type CommandCheck,
  type CommandRejection,
} from './command-outcome.ts';
export {
  checkCommandSequence,
  closeCommandTypes,
  commandTypeName,
  knownCommandTypes,
} from './command-sequence.ts';
export {
  checkScheduleActivityCommand,
  type NormalizedActivity,
  type ScheduleActivityContext,
} from './activity-command.ts';
export {
  checkRequestCancelActivityCommand,
  type ActivityToCancel,
  type CancelActivityContext,
} from './cancel-activity-command.ts';
export { checkStartTimerCommand, type NormalizedTimer, type StartTimerContext } from './timer-command.ts';
export {
  checkCancelTimerCommand,
  type CancelTimerContext,
  type TimerToCancel,
} from './cancel-timer-command.ts';
export { checkRecordMarkerCommand, type NormalizedMarker } from './marker-command.ts';
export {
  checkCancelWorkflowCommand,
  checkCompleteWorkflowCommand,
  checkFailWorkflowCommand,
  type CancelWorkflow,
  type CloseCommandContext,
  type CompleteWorkflow,
  type FailWorkflow,
} from './close-commands.ts';
export {
  checkUpsertSearchAttributesCommand,
  type SearchAttributesUpsert,
  type UpsertSearchAttributesContext,
} from './upsert-search-attributes-command.ts';
export {
  checkModifyWorkflowPropertiesCommand,
  type MemoUpsert,
  type ModifyPropertiesContext,
} from './modify-properties-command.ts';
export {
  blobSizeLimits,
  checkBlobSize,
  checkMemoSize,
  failureSize,
  headerSize,
  memoSize,
  memoSizeLimits,
  payloadDataLength,
  payloadMapDataSize,
  payloadsMapSize,
  payloadsSize,
  searchAttributesSize,
  sizeVerdict,
  type SizeLimits,
  type SizeVerdict,
} from './payload-limits.ts';
export { mergePayloadMap } from './payload-map-merge.ts';
export {
  searchAttributesCountProblem,
  searchAttributesSizeProblem,
  type SearchAttributesProblem,
} from './search-attribute-limits.ts';
export {
  searchAttributeProblem,
  type IndexedValueType,
  type SearchAttributeLookup,
} from './search-attribute-value.ts';
export { readTaskQueue, type NormalizedTaskQueue, type TaskQueueReading } from './task-queue.ts';
export {
  checkCronScheduleRequest,
  cronBackoffMs,
  nextCronTimeMs,
  readCronSchedule,
  type CronReading,
  type CronSchedule,
} from './cron-schedule.ts';
export {
  checkContinueAsNewCommand,
  type ContinueAsNewContext,
  type NormalizedContinueAsNew,
} from './continue-as-new-command.ts';
export { continueAsNewMinBackoffMs, continueAsNewMinIntervalMs } from './run-chain.ts';
export { priorityProblem } from './priority.ts';
export {
  workflowIdPoliciesFrom,
  type WorkflowIdConflictPolicy,
  type WorkflowIdPolicies,
  type WorkflowIdReusePolicy,
} from './workflow-id-policies.ts';
export { parseGoDurationMs } from './go-duration.ts';
export {
  checkStartChildCommand,
  type NormalizedStartChild,
  type StartChildContext,
} from './start-child-command.ts';
export {
  checkCancelExternalCommand,
  checkSignalExternalCommand,
  type ExternalCommandContext,
  type NormalizedExternalTarget,
  type NormalizedSignalExternal,
} from './external-workflow-command.ts';
