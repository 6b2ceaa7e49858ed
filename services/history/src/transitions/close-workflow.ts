import { NotFound } from '@kairos/errors';
import type { EventAttributes, EventKind, ExecutionMutation } from '../state/execution-mutation.ts';
import type { ExecutionStatusName, MutableState } from '../state/mutable-state.ts';
import { noteRunClosed } from '../children/close-transfers.ts';

/**
 * Writes the run's close event and settles its state: nothing stays pending (timers and activity
 * timeouts still in the queue find no activity and do nothing; matching's tasks turn out stale).
 */
export function closeWorkflow<Kind extends EventKind>(
  mutation: ExecutionMutation,
  status: Exclude<ExecutionStatusName, 'running'>,
  kind: Kind,
  attributes: EventAttributes<Kind>,
): void {
  const closeEvent = mutation.append(kind, attributes);
  const state = mutation.state;
  state.status = status;
  state.closeTimeMs = mutation.now;
  state.workflowTask = undefined;
  state.activities = {};
  state.timers = {};
  state.bufferedEvents = [];
  state.sticky = undefined;
  // Parent and children hear of the close; a run that continues (newExecutionRunId) is still the child.
  const next = (attributes as { newExecutionRunId?: string | null }).newExecutionRunId;
  noteRunClosed(mutation, closeEvent, status === 'continued_as_new' || Boolean(next));
}

/** The error Temporal gives for operations on a closed run (signal, cancel, terminate, heartbeat). */
export function requireRunning(state: MutableState): void {
  if (state.status !== 'running') throw new NotFound('workflow execution already completed');
}

/** Remembers a client request id; answers false when it was applied before (a retried request). */
export function firstTimeRequest(mutation: ExecutionMutation, requestId: string | null | undefined): boolean {
  if (!requestId) return true;
  const applied = mutation.state.appliedRequestIds;
  if (applied.includes(requestId)) return false;
  applied.push(requestId);
  // Bounded: request ids only need to survive the client's retry window.
  if (applied.length > 1000) applied.splice(0, applied.length - 1000);
  return true;
}
