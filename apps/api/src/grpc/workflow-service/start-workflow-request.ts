// Validation and defaulting of StartWorkflowExecution, as Temporal's frontend (prepareStartWorkflowRequest)
// and history (ValidateStartWorkflowExecutionRequest, OverrideStartWorkflowExecutionRequest) do it
// together, in their order. Pure: the request in, a StartWorkflowInput out, or an InvalidArgument naming
// the field. Namespace resolution, quotas and the id-conflict lookup belong to the handler.
import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import {
  checkBlobSize,
  checkCronScheduleRequest,
  checkMemoSize,
  defaultWorkflowTaskTimeoutMs,
  maxIdLength,
  maxWorkflowTaskTimeoutMs,
  memoSize,
  normalizeWorkflowRetryPolicy,
  payloadsSize,
  priorityProblem,
  readDuration,
  readTaskQueue,
  requireDuration,
  searchAttributeProblem,
  searchAttributesCountProblem,
  searchAttributesSizeProblem,
  workflowIdPoliciesFrom,
  type NormalizedRetryPolicy,
  type SearchAttributeLookup,
  type WorkflowIdConflictPolicy,
  type WorkflowIdReusePolicy,
} from '@kairos/history/rules';

type Request = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
type Payloads = temporal.api.common.v1.IPayloads;

/** A start request after validation and Temporal's defaulting. Timeouts of 0 mean "none". */
export interface StartWorkflowInput {
  workflowId: string;
  workflowType: string;
  /** A normal task queue (sticky queues are for workers, not starts). */
  taskQueue: string;
  /** As sent, or a fresh UUID when the request left it empty (Temporal does the same). */
  requestId: string;
  identity: string;
  workflowExecutionTimeoutMs: number;
  /** Never longer than the execution timeout; the execution timeout when only that is set. */
  workflowRunTimeoutMs: number;
  /** 10 s by default, at most 120 s, and never longer than the run timeout. */
  workflowTaskTimeoutMs: number;
  workflowStartDelayMs: number;
  workflowIdReusePolicy: WorkflowIdReusePolicy;
  workflowIdConflictPolicy: WorkflowIdConflictPolicy;
  /** Undefined: the workflow is not retried. */
  retryPolicy: NormalizedRetryPolicy | undefined;
  /** Passed through for the WorkflowExecutionStarted event. */
  input: Payloads | null | undefined;
  header: temporal.api.common.v1.IHeader | null | undefined;
  memo: temporal.api.common.v1.IMemo | null | undefined;
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined;
  userMetadata: temporal.api.sdk.v1.IUserMetadata | null | undefined;
  priority: temporal.api.common.v1.IPriority | null | undefined;
  links: temporal.api.common.v1.ILink[];
  onConflictOptions: temporal.api.workflow.v1.IOnConflictOptions | null | undefined;
  /** Set by schedules and cron in Temporal; carried into the first run as is. */
  continuedFailure: temporal.api.failure.v1.IFailure | null | undefined;
  lastCompletionResult: Payloads | null | undefined;
  /** A hint: the server may always decline to hand the first workflow task back eagerly. */
  requestEagerExecution: boolean;
}

export interface StartWorkflowOptions {
  /**
   * SignalWithStartWorkflowExecution carries the same start fields but, in Temporal, defaults the
   * conflict policy to use-existing and refuses WORKFLOW_ID_CONFLICT_POLICY_FAIL.
   */
  operation?: 'start' | 'signal-with-start';
  /** Makes the request id for a request without one; defaults to a random UUID. */
  newRequestId?: () => string;
  /** The namespace's search attribute types; without it only counts and sizes are checked. */
  searchAttributeLookup?: SearchAttributeLookup;
}

/**
 * Validate a StartWorkflowExecution request and apply Temporal's defaults. Throws InvalidArgument whose
 * field is the request field at fault (`workflowId`, `taskQueue.name`, `retryPolicy.backoffCoefficient`,
 * `input` over 2 MB, an unreadable `cronSchedule`, ...). Features Kairos does not offer yet (completion
 * callbacks, versioning overrides, time skipping) are refused rather than silently dropped.
 */
export function validateStartWorkflowRequest(
  request: Request,
  options: StartWorkflowOptions = {},
): StartWorkflowInput {
  const workflowId = requireId(request.workflowId, 'workflowId');
  const retryPolicy = normalizeWorkflowRetryPolicy(request.retryPolicy, 'retryPolicy');
  refuseUnsupported(request);
  const workflowStartDelayMs = requireDuration(request.workflowStartDelay, 'workflowStartDelay');
  const workflowType = requireId(request.workflowType?.name, 'workflowType.name');
  const taskQueue = requireNormalTaskQueue(request.taskQueue);
  const timeouts = workflowTimeouts(request);
  const requestId = request.requestId || (options.newRequestId ?? randomUUID)();
  if (Buffer.byteLength(requestId, 'utf8') > maxIdLength) {
    throw InvalidArgument.forField('requestId', `must be at most ${maxIdLength} bytes`);
  }
  const policies = idPolicies(request, options.operation ?? 'start');
  checkOnConflictOptions(request.onConflictOptions);
  checkSearchAttributes(request.searchAttributes, options.searchAttributeLookup);
  const badPriority = priorityProblem(request.priority);
  if (badPriority) throw InvalidArgument.forField(`priority.${badPriority.field}`, badPriority.problem);
  checkBlobSize('input', payloadsSize(request.input));
  checkMemoSize('memo', memoSize(request.memo));

  return {
    workflowId,
    workflowType,
    taskQueue,
    requestId,
    identity: request.identity ?? '',
    ...timeouts,
    workflowStartDelayMs,
    ...policies,
    retryPolicy,
    input: request.input,
    header: request.header,
    memo: request.memo,
    searchAttributes: request.searchAttributes,
    userMetadata: request.userMetadata,
    priority: request.priority,
    links: request.links ?? [],
    onConflictOptions: request.onConflictOptions,
    continuedFailure: request.continuedFailure,
    lastCompletionResult: request.lastCompletionResult,
    requestEagerExecution: request.requestEagerExecution ?? false,
  };
}

function idPolicies(request: Request, operation: 'start' | 'signal-with-start') {
  if (operation === 'start') {
    return workflowIdPoliciesFrom(request.workflowIdReusePolicy, request.workflowIdConflictPolicy);
  }
  if (
    request.workflowIdConflictPolicy ===
    temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL
  ) {
    throw InvalidArgument.forField(
      'workflowIdConflictPolicy',
      'WORKFLOW_ID_CONFLICT_POLICY_FAIL is not supported by SignalWithStartWorkflowExecution',
    );
  }
  return workflowIdPoliciesFrom(
    request.workflowIdReusePolicy,
    request.workflowIdConflictPolicy,
    'use-existing',
  );
}

function requireId(value: string | null | undefined, field: string): string {
  if (!value) throw InvalidArgument.forField(field, 'must be set');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxIdLength)
    throw InvalidArgument.forField(field, `must be at most ${maxIdLength} bytes, got ${bytes}`);
  return value;
}

function refuseUnsupported(request: Request): void {
  // A bad start delay is reported later, in its own turn.
  const startDelay = readDuration(request.workflowStartDelay);
  checkCronScheduleRequest(request.cronSchedule, startDelay.ok ? startDelay.ms : 0);
  if (request.completionCallbacks?.length) {
    throw InvalidArgument.forField(
      'completionCallbacks',
      'completion callbacks are not supported by Kairos yet',
    );
  }
  if (request.versioningOverride) {
    throw InvalidArgument.forField('versioningOverride', 'worker versioning is not supported by Kairos yet');
  }
  if (request.timeSkippingConfig) {
    throw InvalidArgument.forField('timeSkippingConfig', 'time skipping is not enabled on this server');
  }
}

function requireNormalTaskQueue(taskQueue: temporal.api.taskqueue.v1.ITaskQueue | null | undefined): string {
  const reading = readTaskQueue(taskQueue);
  if (!reading.ok)
    throw InvalidArgument.forField(
      reading.field ? `taskQueue.${reading.field}` : 'taskQueue',
      reading.problem,
    );
  if (reading.taskQueue.kind !== 'normal') {
    throw InvalidArgument.forField(
      'taskQueue.kind',
      'must be normal: a workflow starts on a normal task queue',
    );
  }
  return reading.taskQueue.name;
}

/** Temporal's defaulting: run ≤ execution (or the execution timeout when unset), task ≤ 120 s and ≤ run. */
function workflowTimeouts(
  request: Request,
): Pick<StartWorkflowInput, 'workflowExecutionTimeoutMs' | 'workflowRunTimeoutMs' | 'workflowTaskTimeoutMs'> {
  const executionMs = requireDuration(request.workflowExecutionTimeout, 'workflowExecutionTimeout');
  const requestedRunMs = requireDuration(request.workflowRunTimeout, 'workflowRunTimeout');
  const requestedTaskMs = requireDuration(request.workflowTaskTimeout, 'workflowTaskTimeout');
  const runMs =
    executionMs === 0
      ? requestedRunMs
      : requestedRunMs === 0
        ? executionMs
        : Math.min(requestedRunMs, executionMs);
  const taskMs = Math.min(requestedTaskMs || defaultWorkflowTaskTimeoutMs, maxWorkflowTaskTimeoutMs);
  return {
    workflowExecutionTimeoutMs: executionMs,
    workflowRunTimeoutMs: runMs,
    workflowTaskTimeoutMs: runMs === 0 ? taskMs : Math.min(taskMs, runMs),
  };
}

function checkOnConflictOptions(
  onConflict: temporal.api.workflow.v1.IOnConflictOptions | null | undefined,
): void {
  if (onConflict?.attachCompletionCallbacks && !onConflict.attachRequestId) {
    throw InvalidArgument.forField(
      'onConflictOptions.attachCompletionCallbacks',
      'requires onConflictOptions.attachRequestId',
    );
  }
}

function checkSearchAttributes(
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined,
  lookup: SearchAttributeLookup | undefined,
): void {
  const fields = searchAttributes?.indexedFields;
  if (!fields) return;
  const tooMany = searchAttributesCountProblem(fields);
  if (tooMany) throw InvalidArgument.forField(`searchAttributes.${tooMany.field}`, tooMany.problem);
  if (lookup) {
    for (const [name, payload] of Object.entries(fields)) {
      const problem = searchAttributeProblem(name, payload, lookup);
      if (problem) throw InvalidArgument.forField(`searchAttributes.indexedFields.${name}`, problem);
    }
  }
  const tooBig = searchAttributesSizeProblem(fields);
  if (tooBig) throw InvalidArgument.forField(`searchAttributes.${tooBig.field}`, tooBig.problem);
}
