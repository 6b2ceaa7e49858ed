import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';

const Reuse = temporal.api.enums.v1.WorkflowIdReusePolicy;
const Conflict = temporal.api.enums.v1.WorkflowIdConflictPolicy;

/** What a start may do when a closed run already used the workflow id. */
export type WorkflowIdReusePolicy = 'allow-duplicate' | 'allow-duplicate-failed-only' | 'reject-duplicate';
/** What a start does when a run with the workflow id is still open. */
export type WorkflowIdConflictPolicy = 'fail' | 'use-existing' | 'terminate-existing';

export interface WorkflowIdPolicies {
  workflowIdReusePolicy: WorkflowIdReusePolicy;
  workflowIdConflictPolicy: WorkflowIdConflictPolicy;
}

const reuseNames = new Map<number, WorkflowIdReusePolicy>([
  [Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE, 'allow-duplicate'],
  [Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY, 'allow-duplicate-failed-only'],
  [Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE, 'reject-duplicate'],
]);
const conflictNames = new Map<number, WorkflowIdConflictPolicy>([
  [Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL, 'fail'],
  [Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, 'use-existing'],
  [Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING, 'terminate-existing'],
]);

/**
 * A start request's id policies with Temporal's defaults and migration: reuse defaults to
 * allow-duplicate; conflict defaults to `defaultConflictPolicy` (fail for StartWorkflowExecution,
 * use-existing for SignalWithStart), except that the deprecated reuse policy TERMINATE_IF_RUNNING
 * alone becomes allow-duplicate + terminate-existing. Refused (InvalidArgument on
 * `workflowIdReusePolicy`): TERMINATE_IF_RUNNING with an explicit conflict policy, and
 * REJECT_DUPLICATE with TERMINATE_EXISTING. Kairos also refuses values the enums do not have, which
 * Temporal lets through.
 */
export function workflowIdPoliciesFrom(
  reusePolicy: temporal.api.enums.v1.WorkflowIdReusePolicy | null | undefined,
  conflictPolicy: temporal.api.enums.v1.WorkflowIdConflictPolicy | null | undefined,
  defaultConflictPolicy: WorkflowIdConflictPolicy = 'fail',
): WorkflowIdPolicies {
  const reuse = reusePolicy ?? Reuse.WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED;
  const conflict = conflictPolicy ?? Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED;
  const terminateIfRunning = reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING;
  if (reuse !== Reuse.WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED && !terminateIfRunning && !reuseNames.has(reuse)) {
    throw InvalidArgument.forField('workflowIdReusePolicy', `unknown policy ${String(reuse)}`);
  }
  if (conflict !== Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED && !conflictNames.has(conflict)) {
    throw InvalidArgument.forField('workflowIdConflictPolicy', `unknown policy ${String(conflict)}`);
  }
  if (conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED) {
    if (terminateIfRunning) {
      return { workflowIdReusePolicy: 'allow-duplicate', workflowIdConflictPolicy: 'terminate-existing' };
    }
    return {
      workflowIdReusePolicy: reuseNames.get(reuse) ?? 'allow-duplicate',
      workflowIdConflictPolicy: defaultConflictPolicy,
    };
  }
  if (terminateIfRunning) {
    throw InvalidArgument.forField(
      'workflowIdReusePolicy',
      'WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING cannot be combined with a workflowIdConflictPolicy; ' +
        'use WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING instead',
    );
  }
  const workflowIdReusePolicy = reuseNames.get(reuse) ?? 'allow-duplicate';
  const workflowIdConflictPolicy = conflictNames.get(conflict) ?? defaultConflictPolicy;
  if (workflowIdReusePolicy === 'reject-duplicate' && workflowIdConflictPolicy === 'terminate-existing') {
    throw InvalidArgument.forField(
      'workflowIdReusePolicy',
      'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE cannot be combined with WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING',
    );
  }
  return { workflowIdReusePolicy, workflowIdConflictPolicy };
}
