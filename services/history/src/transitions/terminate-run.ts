import type { temporal } from '@kairos/proto';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import { closeWorkflow } from './close-workflow.ts';
import { failInFlightTaskForClose } from './workflow-task.ts';

/**
 * Closes a running run with WorkflowExecutionTerminated (a user's terminate, a conflicting start, or
 * the server enforcing a limit); an in-flight workflow task is failed first.
 */
export function terminateRun(
  mutation: ExecutionMutation,
  termination: { reason: string; details?: temporal.api.common.v1.IPayloads | null; identity: string },
): void {
  if (mutation.state.status !== 'running') return;
  failInFlightTaskForClose(mutation);
  closeWorkflow(mutation, 'terminated', 'workflowExecutionTerminated', {
    reason: termination.reason,
    details: termination.details ?? null,
    identity: termination.identity,
  });
}
