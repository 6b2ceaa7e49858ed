import type { WorkflowServiceMethodName } from '@kairos/proto';
import { rpcPermission } from '../auth/rpc-permissions.ts';

/**
 * Rpcs that are billable actions, after Temporal Cloud's list (ARCHITECTURE.md, "Billable actions"),
 * counted where the api sees them; each takes one token of the namespace's actions-per-second bucket
 * (as well as one request token):
 * - workflow start: StartWorkflowExecution, SignalWithStartWorkflowExecution, ExecuteMultiOperation
 *   (its start), StartActivityExecution / StartNexusOperationExecution (standalone starts);
 * - signal, query, update: SignalWorkflowExecution, QueryWorkflow, UpdateWorkflowExecution;
 * - reset: ResetWorkflowExecution;
 * - heartbeats that reach the server: RecordActivityTaskHeartbeat(ById);
 * - activity completion, failure (a retry is an activity start) and cancellation: RespondActivityTask*;
 * - RespondWorkflowTaskCompleted: stands for the commands it carries (activity, timer and child
 *   starts, search attribute upserts, local activities: one per workflow task), which the api meters
 *   as one action per task rather than decoding them.
 * Not actions (they still count as requests): terminate, cancel requests, polls, describes, lists,
 * history reads, namespace administration.
 */
export const billableActionRpcs: ReadonlySet<WorkflowServiceMethodName> = new Set<WorkflowServiceMethodName>([
  'StartWorkflowExecution',
  'SignalWithStartWorkflowExecution',
  'ExecuteMultiOperation',
  'StartActivityExecution',
  'StartNexusOperationExecution',
  'SignalWorkflowExecution',
  'QueryWorkflow',
  'UpdateWorkflowExecution',
  'ResetWorkflowExecution',
  'RecordActivityTaskHeartbeat',
  'RecordActivityTaskHeartbeatById',
  'RespondActivityTaskCompleted',
  'RespondActivityTaskCompletedById',
  'RespondActivityTaskFailed',
  'RespondActivityTaskFailedById',
  'RespondActivityTaskCanceled',
  'RespondActivityTaskCanceledById',
  'RespondWorkflowTaskCompleted',
]);

/** Workers' long polls for tasks: each one in flight holds a slot of the concurrent-pollers limit. */
export const pollerRpcs: ReadonlySet<WorkflowServiceMethodName> = new Set<WorkflowServiceMethodName>([
  'PollWorkflowTaskQueue',
  'PollActivityTaskQueue',
  'PollNexusTaskQueue',
]);

/** Rpcs that may open a workflow: refused while the namespace is at its open-workflows limit. */
export const workflowStartRpcs: ReadonlySet<WorkflowServiceMethodName> = new Set<WorkflowServiceMethodName>([
  'StartWorkflowExecution',
  'SignalWithStartWorkflowExecution',
  'ExecuteMultiOperation',
]);

export interface RpcQuotaClass {
  billableAction: boolean;
  poller: boolean;
  startsWorkflow: boolean;
  /**
   * Low-priority calls (polls and every read: describe, list, count, history, query) only take a
   * token while the bucket holds more than 20% of its capacity; everything else (starts, signals,
   * workers' responses, cancel, terminate) may empty it.
   */
  priority: 'high' | 'low';
}

export function rpcQuotaClass(service: string, method: string): RpcQuotaClass {
  const name = method as WorkflowServiceMethodName;
  const workflowService = service === 'WorkflowService';
  const poller = workflowService && pollerRpcs.has(name);
  return {
    billableAction: workflowService && billableActionRpcs.has(name),
    poller,
    startsWorkflow: workflowService && workflowStartRpcs.has(name),
    priority: poller || rpcPermission(service, method)?.access === 'read' ? 'low' : 'high',
  };
}
