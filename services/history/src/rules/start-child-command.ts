import { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, idProblem, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { checkNewRunRetryAndSearchAttributes, checkNewRunTypeAndQueue } from './new-run-command.ts';
import type { SearchAttributeLookup } from './search-attribute-value.ts';
import { payloadsSize, sizeVerdict } from './payload-limits.ts';
import { readDuration } from './proto-duration.ts';

type Attributes = temporal.api.command.v1.IStartChildWorkflowExecutionCommandAttributes;
const { ParentClosePolicy } = temporal.api.enums.v1;
const at = 'startChildWorkflowExecutionCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES;

export interface StartChildContext {
  /** The parent's namespace (children run in it: Kairos has no cross-namespace commands). */
  namespace: string;
  /** The parent's task queue, the child's when the command names none. */
  taskQueue: string;
  /** The namespace's search attributes; without it names and value types go unchecked. */
  searchAttributeLookup?: SearchAttributeLookup;
}

export interface NormalizedStartChild {
  workflowId: string;
  workflowType: string;
  taskQueue: string;
  parentClosePolicy: 'terminate' | 'request-cancel' | 'abandon';
  /** The policy as the Initiated event records it (Temporal writes TERMINATE for an unspecified one). */
  parentClosePolicyValue: temporal.api.enums.v1.ParentClosePolicy;
}

/**
 * A StartChildWorkflowExecution command as Temporal's history checks it: attributes present, the
 * namespace (when named) the parent's own, workflow id and type set and at most 1000 bytes, the task
 * queue valid (default: the parent's), timeouts not negative, the retry policy valid, the search
 * attribute count within limits; then an input over the blob limit terminates the parent. The parent
 * close policy defaults to TERMINATE.
 */
export function checkStartChildCommand(
  attributes: Attributes | null | undefined,
  context: StartChildContext,
): CommandCheck<NormalizedStartChild> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  if (attributes.namespace && attributes.namespace !== context.namespace) {
    return rejectCommand(
      badAttributes,
      `${at}.namespace`,
      `must be the workflow's own namespace ${JSON.stringify(context.namespace)} (cross-namespace children are not supported)`,
    );
  }
  const workflowId = attributes.workflowId ?? '';
  const badId = idProblem(workflowId);
  if (badId) return rejectCommand(badAttributes, `${at}.workflowId`, badId);
  const target = checkNewRunTypeAndQueue(
    attributes,
    { workflowType: '', taskQueue: context.taskQueue },
    badAttributes,
    at,
  );
  if (!target.ok) return target;
  for (const field of ['workflowExecutionTimeout', 'workflowRunTimeout', 'workflowTaskTimeout'] as const) {
    const reading = readDuration(attributes[field]);
    if (!reading.ok) return rejectCommand(badAttributes, `${at}.${field}`, reading.problem);
  }
  const policies = checkNewRunRetryAndSearchAttributes(
    attributes,
    badAttributes,
    at,
    context.searchAttributeLookup,
  );
  if (!policies.ok) return policies;
  const inputSize = payloadsSize(attributes.input);
  if (sizeVerdict(inputSize) === 'error') {
    return rejectCommand(badAttributes, `${at}.input`, `is ${inputSize} bytes, over the blob size limit`, {
      terminatesWorkflow: true,
    });
  }
  const policy = parentClosePolicyOf(attributes.parentClosePolicy);
  return { ok: true, attributes: { workflowId, ...target.attributes, ...policy } };
}

function parentClosePolicyOf(
  value: temporal.api.enums.v1.ParentClosePolicy | null | undefined,
): Pick<NormalizedStartChild, 'parentClosePolicy' | 'parentClosePolicyValue'> {
  switch (value) {
    case ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON:
      return { parentClosePolicy: 'abandon', parentClosePolicyValue: value };
    case ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL:
      return { parentClosePolicy: 'request-cancel', parentClosePolicyValue: value };
    default:
      return {
        parentClosePolicy: 'terminate',
        parentClosePolicyValue: ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE,
      };
  }
}
