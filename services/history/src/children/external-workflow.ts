import { int64, temporal } from '@kairos/proto';
import { encodedHeader, encodedPayloads } from '../state/encoded.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { firstTimeRequest } from '../transitions/close-workflow.ts';
import { terminateRun } from '../transitions/terminate-run.ts';
import { ensureWorkflowTask } from '../transitions/workflow-task.ts';
import { transferRequestId, type TransferTaskOf } from '../transfer/transfer-task.ts';

const { SignalExternalWorkflowExecutionFailedCause, CancelExternalWorkflowExecutionFailedCause } =
  temporal.api.enums.v1;

/**
 * The target's side of another workflow's signal: WorkflowExecutionSignaled naming the sender, once per
 * initiated event (the target remembers the request id). Answers whether the signal reached a running
 * run; a closed run, or a run that is not the sender's child when only a child may be signalled, did not.
 */
export function deliverExternalSignal(
  mutation: ExecutionMutation,
  task: TransferTaskOf<'signal-external'>,
): boolean {
  const requestId = transferRequestId(task.sender, task.initiatedEventId);
  // Applied before (this is a redelivery): it reached the run, which may have closed since.
  if (appliedBefore(mutation.state, requestId)) return true;
  if (!reachable(mutation.state, task)) return false;
  if (!firstTimeRequest(mutation, requestId)) return true;
  mutation.appendExternal(
    mutation.event('workflowExecutionSignaled', {
      signalName: task.signalName,
      input: encodedPayloads.decode(task.input) ?? null,
      header: encodedHeader.decode(task.header) ?? null,
      identity: '',
      externalWorkflowExecution: task.sender,
    }),
  );
  ensureWorkflowTask(mutation);
  return true;
}

/** The target's side of another workflow's cancel request: WorkflowExecutionCancelRequested, once. */
export function deliverExternalCancel(
  mutation: ExecutionMutation,
  task: TransferTaskOf<'cancel-external'>,
): boolean {
  const requestId = transferRequestId(task.sender, task.initiatedEventId);
  // Applied before (this is a redelivery): it reached the run, which has likely closed by its cancel.
  if (appliedBefore(mutation.state, requestId)) return true;
  if (!reachable(mutation.state, task)) return false;
  requestCancel(mutation, {
    requestId,
    cause: task.reason,
    externalInitiatedEventId: task.initiatedEventId,
    externalWorkflowExecution: task.sender,
  });
  return true;
}

/**
 * The parent closed and this run (of its child, or of a chain the child continued into) is still
 * open: TERMINATE terminates it, REQUEST_CANCEL asks it to cancel. A run that is not that parent's
 * child (the workflow id was reused since) is left alone.
 */
export function applyParentClosePolicy(
  mutation: ExecutionMutation,
  task: TransferTaskOf<'parent-closed'>,
): void {
  const { state } = mutation;
  const parent = state.parent;
  if (state.status !== 'running' || parent?.runId !== task.parent.runId) return;
  if (parent.initiatedEventId !== task.initiatedEventId) return;
  if (task.policy === 'terminate') {
    terminateRun(mutation, { reason: 'by parent close policy', identity: 'history-service' });
    return;
  }
  requestCancel(mutation, {
    requestId: `${transferRequestId(task.parent, task.initiatedEventId)}:parent-close`,
    cause: 'by parent close policy',
    externalInitiatedEventId: task.initiatedEventId,
    externalWorkflowExecution: task.parent,
  });
}

/** The sender's side: the outcome of its signal or cancel request, recorded once. */
export function recordExternalOutcome(
  mutation: ExecutionMutation,
  task: TransferTaskOf<'external-outcome'>,
): void {
  const state = mutation.state;
  if (state.status !== 'running') return;
  const pendingOf = task.operation === 'signal' ? state.pendingSignals : state.pendingCancels;
  const pending = pendingOf?.[task.initiatedEventId];
  if (!pending) return;
  const common = {
    namespace: pending.namespace,
    namespaceId: pending.namespaceId,
    workflowExecution: { workflowId: pending.workflowId, runId: pending.runId ?? '' },
    initiatedEventId: int64(pending.initiatedEventId),
  };
  const failed = {
    ...common,
    workflowTaskCompletedEventId: int64(pending.workflowTaskCompletedEventId),
    control: pending.control ?? '',
  };
  const event =
    task.operation === 'signal'
      ? task.delivered
        ? mutation.event('externalWorkflowExecutionSignaled', { ...common, control: pending.control ?? '' })
        : mutation.event('signalExternalWorkflowExecutionFailed', {
            ...failed,
            cause:
              SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
          })
      : task.delivered
        ? mutation.event('externalWorkflowExecutionCancelRequested', common)
        : mutation.event('requestCancelExternalWorkflowExecutionFailed', {
            ...failed,
            cause:
              CancelExternalWorkflowExecutionFailedCause.CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
          });
  mutation.appendExternal(event);
  const remaining = { ...pendingOf };
  delete remaining[task.initiatedEventId];
  if (task.operation === 'signal') state.pendingSignals = remaining;
  else state.pendingCancels = remaining;
  ensureWorkflowTask(mutation);
}

/**
 * Whether the run applied the request already; runs continued as new inherit their predecessor's
 * request ids (chain-run.ts), so a task naming no run id finds it on the run it now reaches too.
 */
function appliedBefore(state: MutableState, requestId: string): boolean {
  return state.appliedRequestIds.includes(requestId);
}

/** A running run, and (when only a child may be reached) the sender's child. */
function reachable(
  state: MutableState,
  task: { sender: { workflowId: string; runId: string }; childWorkflowOnly: boolean },
): boolean {
  if (state.status !== 'running') return false;
  if (!task.childWorkflowOnly) return true;
  return state.parent?.workflowId === task.sender.workflowId && state.parent.runId === task.sender.runId;
}

function requestCancel(
  mutation: ExecutionMutation,
  request: {
    requestId: string;
    cause: string;
    externalInitiatedEventId: number;
    externalWorkflowExecution: { workflowId: string; runId: string };
  },
): void {
  if (!firstTimeRequest(mutation, request.requestId)) return;
  if (mutation.state.cancelRequested) return;
  mutation.state.cancelRequested = true;
  mutation.appendExternal(
    mutation.event('workflowExecutionCancelRequested', {
      cause: request.cause,
      identity: '',
      externalInitiatedEventId: int64(request.externalInitiatedEventId),
      externalWorkflowExecution: request.externalWorkflowExecution,
    }),
  );
  ensureWorkflowTask(mutation);
}
