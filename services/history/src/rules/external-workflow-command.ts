import { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, idProblem, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { payloadsSize, sizeVerdict } from './payload-limits.ts';

type SignalAttributes = temporal.api.command.v1.ISignalExternalWorkflowExecutionCommandAttributes;
type CancelAttributes = temporal.api.command.v1.IRequestCancelExternalWorkflowExecutionCommandAttributes;

const signalAt = 'signalExternalWorkflowExecutionCommandAttributes';
const cancelAt = 'requestCancelExternalWorkflowExecutionCommandAttributes';
const badSignal = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES;
const badCancel =
  WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_ATTRIBUTES;

export interface ExternalCommandContext {
  /** The sender's namespace (Kairos has no cross-namespace commands). */
  namespace: string;
}

export interface NormalizedExternalTarget {
  workflowId: string;
  /** Empty: the workflow id's current run. */
  runId: string;
}

export interface NormalizedSignalExternal extends NormalizedExternalTarget {
  signalName: string;
}

/**
 * A SignalExternalWorkflowExecution command as Temporal checks it: attributes present, the namespace
 * (when named) the sender's own, the target's workflow id set and at most 1000 bytes, a signal name
 * set; then an input over the blob limit terminates the sender.
 */
export function checkSignalExternalCommand(
  attributes: SignalAttributes | null | undefined,
  context: ExternalCommandContext,
): CommandCheck<NormalizedSignalExternal> {
  if (!attributes) return rejectCommand(badSignal, signalAt, 'must be set');
  const target = readTarget(attributes, context, signalAt, badSignal);
  if (!target.ok) return target;
  const signalName = attributes.signalName ?? '';
  const badName = idProblem(signalName);
  if (badName) return rejectCommand(badSignal, `${signalAt}.signalName`, badName);
  const inputSize = payloadsSize(attributes.input);
  if (sizeVerdict(inputSize) === 'error') {
    return rejectCommand(badSignal, `${signalAt}.input`, `is ${inputSize} bytes, over the blob size limit`, {
      terminatesWorkflow: true,
    });
  }
  return { ok: true, attributes: { ...target.attributes, signalName } };
}

/**
 * A RequestCancelExternalWorkflowExecution command: attributes present, the namespace (when named) the
 * sender's own, the target's workflow id set and at most 1000 bytes.
 */
export function checkCancelExternalCommand(
  attributes: CancelAttributes | null | undefined,
  context: ExternalCommandContext,
): CommandCheck<NormalizedExternalTarget> {
  if (!attributes) return rejectCommand(badCancel, cancelAt, 'must be set');
  return readTarget(
    {
      namespace: attributes.namespace,
      execution: { workflowId: attributes.workflowId, runId: attributes.runId },
    },
    context,
    cancelAt,
    badCancel,
  );
}

function readTarget(
  attributes: {
    namespace?: string | null;
    execution?: { workflowId?: string | null; runId?: string | null } | null;
  },
  context: ExternalCommandContext,
  at: string,
  cause: WorkflowTaskFailedCause,
): CommandCheck<NormalizedExternalTarget> {
  if (attributes.namespace && attributes.namespace !== context.namespace) {
    return rejectCommand(
      cause,
      `${at}.namespace`,
      `must be the workflow's own namespace ${JSON.stringify(context.namespace)} (cross-namespace commands are not supported)`,
    );
  }
  const workflowId = attributes.execution?.workflowId ?? '';
  const badId = idProblem(workflowId);
  const field = at === signalAt ? `${at}.execution.workflowId` : `${at}.workflowId`;
  if (badId) return rejectCommand(cause, field, badId);
  return { ok: true, attributes: { workflowId, runId: attributes.execution?.runId ?? '' } };
}
