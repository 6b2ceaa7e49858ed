import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { pendingCancelRequestsLimit, pendingChildExecutionsLimit, pendingSignalsLimit } from './limits.ts';
import { pendingLimitRejection } from './pending-limits.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;

describe('pendingLimitRejection', () => {
  it.each([
    [
      'children',
      pendingChildExecutionsLimit,
      Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_CHILD_WORKFLOWS_LIMIT_EXCEEDED,
    ],
    ['signals', pendingSignalsLimit, Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_SIGNALS_LIMIT_EXCEEDED],
    [
      'cancels',
      pendingCancelRequestsLimit,
      Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_REQUEST_CANCEL_LIMIT_EXCEEDED,
    ],
  ] as const)('allows %s below the limit of %i and refuses the next one', (kind, limit, cause) => {
    expect(pendingLimitRejection(kind, limit - 1)).toBeUndefined();
    expect(pendingLimitRejection(kind, limit)).toMatchObject({
      ok: false,
      cause,
      message: expect.stringContaining(`limit of ${limit}`),
      terminatesWorkflow: false,
    });
  });
});
