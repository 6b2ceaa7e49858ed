import { temporal } from '@kairos/proto';
import { rejectCommand, type CommandRejection } from './command-outcome.ts';
import { pendingCancelRequestsLimit, pendingChildExecutionsLimit, pendingSignalsLimit } from './limits.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;

/** What a run may hold pending at once, besides activities (activity-command.ts checks those). */
const pendingLimits = {
  children: {
    limit: pendingChildExecutionsLimit,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_CHILD_WORKFLOWS_LIMIT_EXCEEDED,
    what: 'pending child workflows',
  },
  signals: {
    limit: pendingSignalsLimit,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_SIGNALS_LIMIT_EXCEEDED,
    what: 'pending signals to other workflows',
  },
  cancels: {
    limit: pendingCancelRequestsLimit,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_REQUEST_CANCEL_LIMIT_EXCEEDED,
    what: 'pending cancel requests to other workflows',
  },
} as const;

/**
 * One more child, signal or cancel request when the run already holds `pending` of them: past
 * Temporal's `limit.numPending*.error` the command fails the workflow task with the limit's cause,
 * and the SDK retries the task (the workflow must wait for some to finish).
 */
export function pendingLimitRejection(
  kind: keyof typeof pendingLimits,
  pending: number,
): CommandRejection | undefined {
  const { limit, cause, what } = pendingLimits[kind];
  if (pending < limit) return undefined;
  return rejectCommand(
    cause,
    undefined,
    `the number of ${what}, ${pending}, has reached the per-workflow limit of ${limit}`,
  );
}
