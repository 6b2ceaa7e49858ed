import { int64, temporal } from '@kairos/proto';
import type { MutableState, ParentClosePolicyName } from '../state/mutable-state.ts';

const { ParentClosePolicy } = temporal.api.enums.v1;

const policyValue: Record<ParentClosePolicyName, temporal.api.enums.v1.ParentClosePolicy> = {
  terminate: ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE,
  'request-cancel': ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL,
  abandon: ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON,
};

/** Describe's parent and root of a run (the root of a run that is no child is the run itself). */
export function parentInfo(
  state: MutableState,
): Pick<
  temporal.api.workflow.v1.IWorkflowExecutionInfo,
  'parentNamespaceId' | 'parentExecution' | 'rootExecution'
> {
  const parent = state.parent;
  const self = { workflowId: state.workflowId, runId: state.runId };
  if (!parent) return { rootExecution: self };
  return {
    parentNamespaceId: parent.namespaceId,
    parentExecution: { workflowId: parent.workflowId, runId: parent.runId },
    rootExecution: state.root ?? { workflowId: parent.workflowId, runId: parent.runId },
  };
}

/** Describe's pending children: started or still starting, not yet closed. */
export function pendingChildren(state: MutableState): temporal.api.workflow.v1.IPendingChildExecutionInfo[] {
  return Object.values(state.pendingChildren ?? {}).map((child) => ({
    workflowId: child.workflowId,
    runId: child.runId ?? '',
    workflowTypeName: child.workflowType,
    initiatedId: int64(child.initiatedEventId),
    parentClosePolicy: policyValue[child.parentClosePolicy],
  }));
}
