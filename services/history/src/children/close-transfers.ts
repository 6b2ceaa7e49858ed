import type { temporal } from '@kairos/proto';
import { encodeEvent, type ExecutionMutation } from '../state/execution-mutation.ts';

/**
 * What a run's close owes other executions, written with the close: a child's parent hears that its
 * child closed (only when the chain ends: a run that continues into another, by continue-as-new, retry
 * or cron, is still the same child), and the run's open children get its parent close policy (TERMINATE
 * or REQUEST_CANCEL; ABANDON leaves them be). Signals and cancel requests still in flight are dropped
 * with the run, as in Temporal (their outcome has no running workflow to go to).
 */
export function noteRunClosed(
  mutation: ExecutionMutation,
  closeEvent: temporal.api.history.v1.IHistoryEvent,
  continues: boolean,
): void {
  const state = mutation.state;
  const parent = state.parent;
  if (parent && !continues) {
    mutation.transfers.push({
      kind: 'child-closed',
      namespaceId: parent.namespaceId,
      namespace: parent.namespace,
      target: { workflowId: parent.workflowId, runId: parent.runId },
      initiatedEventId: parent.initiatedEventId,
      child: { workflowId: state.workflowId, runId: state.runId },
      childFirstRunId: state.firstExecutionRunId,
      closeEvent: encodeEvent(closeEvent),
    });
  }
  for (const child of Object.values(state.pendingChildren ?? {})) {
    if (child.parentClosePolicy === 'abandon') continue;
    mutation.transfers.push({
      kind: 'parent-closed',
      namespaceId: child.namespaceId,
      namespace: child.namespace,
      target: { workflowId: child.workflowId },
      initiatedEventId: child.initiatedEventId,
      policy: child.parentClosePolicy,
      parent: { workflowId: state.workflowId, runId: state.runId },
    });
  }
  delete state.pendingChildren;
  delete state.pendingSignals;
  delete state.pendingCancels;
}
