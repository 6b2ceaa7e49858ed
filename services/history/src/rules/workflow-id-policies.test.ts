import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { workflowIdPoliciesFrom } from './workflow-id-policies.ts';

const Reuse = temporal.api.enums.v1.WorkflowIdReusePolicy;
const Conflict = temporal.api.enums.v1.WorkflowIdConflictPolicy;

describe('workflowIdPoliciesFrom', () => {
  it('defaults to allow-duplicate and the caller’s conflict policy', () => {
    expect(workflowIdPoliciesFrom(undefined, undefined)).toEqual({
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'fail',
    });
    expect(
      workflowIdPoliciesFrom(null, Conflict.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED, 'use-existing'),
    ).toEqual({
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'use-existing',
    });
  });

  it('maps every valid pair', () => {
    const reuse = [
      [Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE, 'allow-duplicate'],
      [Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY, 'allow-duplicate-failed-only'],
      [Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE, 'reject-duplicate'],
    ] as const;
    const conflict = [
      [Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL, 'fail'],
      [Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, 'use-existing'],
      [Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING, 'terminate-existing'],
    ] as const;
    for (const [reuseValue, reuseName] of reuse) {
      for (const [conflictValue, conflictName] of conflict) {
        if (reuseName === 'reject-duplicate' && conflictName === 'terminate-existing') continue;
        expect(workflowIdPoliciesFrom(reuseValue, conflictValue)).toEqual({
          workflowIdReusePolicy: reuseName,
          workflowIdConflictPolicy: conflictName,
        });
      }
    }
  });

  it('migrates the deprecated TERMINATE_IF_RUNNING used alone', () => {
    expect(workflowIdPoliciesFrom(Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING, undefined)).toEqual({
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'terminate-existing',
    });
  });

  it('refuses TERMINATE_IF_RUNNING with any explicit conflict policy', () => {
    for (const conflict of [
      Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
      Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
      Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
    ]) {
      expect(() =>
        workflowIdPoliciesFrom(Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING, conflict),
      ).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          field: 'workflowIdReusePolicy',
          message: expect.stringMatching(
            /TERMINATE_IF_RUNNING cannot be combined with a workflowIdConflictPolicy/,
          ),
        }),
      );
    }
  });

  it('refuses REJECT_DUPLICATE with TERMINATE_EXISTING', () => {
    expect(() =>
      workflowIdPoliciesFrom(
        Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
        Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
      ),
    ).toThrow(/workflowIdReusePolicy: WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE cannot be combined/);
  });

  it('refuses values the enums do not have', () => {
    expect(() =>
      workflowIdPoliciesFrom(99 as temporal.api.enums.v1.WorkflowIdReusePolicy, undefined),
    ).toThrow(
      expect.objectContaining({
        field: 'workflowIdReusePolicy',
        message: 'workflowIdReusePolicy: unknown policy 99',
      }),
    );
    expect(() =>
      workflowIdPoliciesFrom(undefined, 7 as temporal.api.enums.v1.WorkflowIdConflictPolicy),
    ).toThrow(expect.objectContaining({ field: 'workflowIdConflictPolicy' }));
  });
});
