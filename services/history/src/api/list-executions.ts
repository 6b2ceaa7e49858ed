import { InvalidArgument } from '@kairos/errors';
import type { ExecutionSummary, NamespaceRef } from '../client.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import type { ExecutionStatusName, MutableState } from '../state/mutable-state.ts';

/**
 * Namespace-wide reads across every shard. They read committed rows only (no shard ownership, no
 * locks), so any history process can answer them. Search and filtering belong to the visibility
 * service; these two serve quotas, namespace deletion and the console's recent list.
 */
export function countOpenExecutions(context: EngineContext, namespace: NamespaceRef): Promise<number> {
  return context.store.countOpen(namespace.id);
}

export const MAX_RECENT_EXECUTIONS = 1000;

export async function listRecentExecutions(
  context: EngineContext,
  namespace: NamespaceRef,
  options: { limit: number },
): Promise<ExecutionSummary[]> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > MAX_RECENT_EXECUTIONS) {
    throw InvalidArgument.forField('limit', `must be a whole number from 1 to ${MAX_RECENT_EXECUTIONS}`);
  }
  const states = await context.store.listRecent(namespace.id, options.limit);
  return states.map(toSummary);
}

function toSummary(state: MutableState): ExecutionSummary {
  return {
    workflowId: state.workflowId,
    runId: state.runId,
    workflowType: state.workflowType,
    taskQueue: state.taskQueue,
    status: temporalStatusName(state.status),
    startTime: new Date(state.startTimeMs),
    closeTime: state.closeTimeMs === undefined ? null : new Date(state.closeTimeMs),
  };
}

/** `timed_out` → `TimedOut`: the names Temporal's WorkflowExecutionStatus uses after its prefix. */
export function temporalStatusName(status: ExecutionStatusName): string {
  return status
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
