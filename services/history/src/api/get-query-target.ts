import type { NamespaceRef, QueryTarget } from '../client.ts';
import { loadExecution, ownedShard, type EngineContext } from '../engine/engine-context.ts';
import { statusOf } from './describe-workflow-execution.ts';

/** The largest history a legacy query task carries (Temporal's history count limit). */
const MAX_QUERY_HISTORY_EVENTS = 51_200;

/** Everything matching needs to hand a legacy query task to a worker, open or closed run alike. */
export async function getQueryTarget(
  context: EngineContext,
  namespace: NamespaceRef,
  execution: { workflowId: string; runId?: string },
): Promise<QueryTarget> {
  ownedShard(context, namespace.id, execution.workflowId);
  const { state } = await loadExecution(context, { namespaceId: namespace.id, ...execution });
  const history = await context.store.readEvents(state.runId, 1, state.nextEventId, MAX_QUERY_HISTORY_EVENTS);
  return {
    workflowId: state.workflowId,
    runId: state.runId,
    workflowType: state.workflowType,
    status: statusOf[state.status],
    taskQueue: state.taskQueue,
    stickyTaskQueue: state.sticky?.taskQueue,
    history,
  };
}
