import type { OperatorServiceMethodName, WorkflowServiceMethodName } from '@kairos/proto';

/**
 * What an rpc does: `read` leaves everything as it was (describe, list, get, count, query, poll for a
 * result); `write` changes workflows or task queues (workers' polls and responses included: a poll
 * starts a task); `admin` changes a namespace itself or the cluster.
 */
export type RpcAccess = 'read' | 'write' | 'admin';

/**
 * Where an rpc acts:
 * - `namespace`: one namespace, named by the request's `namespace` field (DescribeNamespace and
 *   OperatorService's DeleteNamespace also take an id); the caller's key must cover it.
 * - `account`: the caller's account as a whole (ListNamespaces shows only what the caller may see,
 *   RegisterNamespace creates in the caller's account).
 * - `any`: server-wide facts any authenticated caller may read (GetSystemInfo, GetClusterInfo).
 * - `cluster`: cluster administration (remote clusters, Nexus endpoints): only the system account's
 *   admins (the operator), never a tenant.
 */
export type RpcScope = 'namespace' | 'account' | 'any' | 'cluster';

export interface RpcPermission {
  scope: RpcScope;
  access: RpcAccess;
}

const namespaceRead: RpcPermission = { scope: 'namespace', access: 'read' };
const namespaceWrite: RpcPermission = { scope: 'namespace', access: 'write' };
const namespaceAdmin: RpcPermission = { scope: 'namespace', access: 'admin' };

/**
 * Every WorkflowService rpc, classified (the Record type makes a new rpc in @temporalio/proto a compile
 * error here; rpc-permissions.test.ts checks the same against the reflected service at run time).
 * Rpcs Kairos does not implement yet are classified too, so they are refused (or not) for the same
 * reasons once they exist.
 */
export const workflowServicePermissions: Record<WorkflowServiceMethodName, RpcPermission> = {
  // Namespaces
  RegisterNamespace: { scope: 'account', access: 'admin' },
  DescribeNamespace: namespaceRead,
  ListNamespaces: { scope: 'account', access: 'read' },
  UpdateNamespace: namespaceAdmin,
  DeprecateNamespace: namespaceAdmin,
  // Server facts
  GetSystemInfo: { scope: 'any', access: 'read' },
  GetClusterInfo: { scope: 'any', access: 'read' },
  GetSearchAttributes: { scope: 'any', access: 'read' },
  // Workflow lifecycle
  StartWorkflowExecution: namespaceWrite,
  ExecuteMultiOperation: namespaceWrite,
  SignalWorkflowExecution: namespaceWrite,
  SignalWithStartWorkflowExecution: namespaceWrite,
  RequestCancelWorkflowExecution: namespaceWrite,
  TerminateWorkflowExecution: namespaceWrite,
  ResetWorkflowExecution: namespaceWrite,
  DeleteWorkflowExecution: namespaceWrite,
  PauseWorkflowExecution: namespaceWrite,
  UnpauseWorkflowExecution: namespaceWrite,
  UpdateWorkflowExecution: namespaceWrite,
  UpdateWorkflowExecutionOptions: namespaceWrite,
  PollWorkflowExecutionUpdate: namespaceRead,
  QueryWorkflow: namespaceRead,
  DescribeWorkflowExecution: namespaceRead,
  GetWorkflowExecutionHistory: namespaceRead,
  GetWorkflowExecutionHistoryReverse: namespaceRead,
  PollWorkflowExecutionTimeSkipping: namespaceWrite,
  // Visibility
  ListOpenWorkflowExecutions: namespaceRead,
  ListClosedWorkflowExecutions: namespaceRead,
  ListWorkflowExecutions: namespaceRead,
  ListArchivedWorkflowExecutions: namespaceRead,
  ScanWorkflowExecutions: namespaceRead,
  CountWorkflowExecutions: namespaceRead,
  // Workers: polls start tasks, responses complete them
  PollWorkflowTaskQueue: namespaceWrite,
  RespondWorkflowTaskCompleted: namespaceWrite,
  RespondWorkflowTaskFailed: namespaceWrite,
  PollActivityTaskQueue: namespaceWrite,
  RecordActivityTaskHeartbeat: namespaceWrite,
  RecordActivityTaskHeartbeatById: namespaceWrite,
  RespondActivityTaskCompleted: namespaceWrite,
  RespondActivityTaskCompletedById: namespaceWrite,
  RespondActivityTaskFailed: namespaceWrite,
  RespondActivityTaskFailedById: namespaceWrite,
  RespondActivityTaskCanceled: namespaceWrite,
  RespondActivityTaskCanceledById: namespaceWrite,
  RespondQueryTaskCompleted: namespaceWrite,
  ResetStickyTaskQueue: namespaceWrite,
  ShutdownWorker: namespaceWrite,
  PollNexusTaskQueue: namespaceWrite,
  RespondNexusTaskCompleted: namespaceWrite,
  RespondNexusTaskFailed: namespaceWrite,
  RecordWorkerHeartbeat: namespaceWrite,
  ListWorkers: namespaceRead,
  CountWorkers: namespaceRead,
  DescribeWorker: namespaceRead,
  FetchWorkerConfig: namespaceRead,
  UpdateWorkerConfig: namespaceWrite,
  // Task queues
  DescribeTaskQueue: namespaceRead,
  ListTaskQueuePartitions: namespaceRead,
  UpdateTaskQueueConfig: namespaceWrite,
  // Activities of workflows
  UpdateActivityOptions: namespaceWrite,
  PauseActivity: namespaceWrite,
  UnpauseActivity: namespaceWrite,
  ResetActivity: namespaceWrite,
  // Schedules
  CreateSchedule: namespaceWrite,
  DescribeSchedule: namespaceRead,
  UpdateSchedule: namespaceWrite,
  PatchSchedule: namespaceWrite,
  ListScheduleMatchingTimes: namespaceRead,
  DeleteSchedule: namespaceWrite,
  ListSchedules: namespaceRead,
  CountSchedules: namespaceRead,
  // Worker versioning and deployments
  UpdateWorkerBuildIdCompatibility: namespaceWrite,
  GetWorkerBuildIdCompatibility: namespaceRead,
  UpdateWorkerVersioningRules: namespaceWrite,
  GetWorkerVersioningRules: namespaceRead,
  GetWorkerTaskReachability: namespaceRead,
  DescribeDeployment: namespaceRead,
  DescribeWorkerDeploymentVersion: namespaceRead,
  ListDeployments: namespaceRead,
  GetDeploymentReachability: namespaceRead,
  GetCurrentDeployment: namespaceRead,
  SetCurrentDeployment: namespaceWrite,
  SetWorkerDeploymentCurrentVersion: namespaceWrite,
  DescribeWorkerDeployment: namespaceRead,
  DeleteWorkerDeployment: namespaceWrite,
  DeleteWorkerDeploymentVersion: namespaceWrite,
  SetWorkerDeploymentRampingVersion: namespaceWrite,
  ListWorkerDeployments: namespaceRead,
  CreateWorkerDeployment: namespaceWrite,
  CreateWorkerDeploymentVersion: namespaceWrite,
  UpdateWorkerDeploymentVersionComputeConfig: namespaceWrite,
  ValidateWorkerDeploymentVersionComputeConfig: namespaceRead,
  UpdateWorkerDeploymentVersionMetadata: namespaceWrite,
  SetWorkerDeploymentManager: namespaceWrite,
  // Batch operations
  StartBatchOperation: namespaceWrite,
  StopBatchOperation: namespaceWrite,
  DescribeBatchOperation: namespaceRead,
  ListBatchOperations: namespaceRead,
  // Workflow rules
  CreateWorkflowRule: namespaceWrite,
  DescribeWorkflowRule: namespaceRead,
  DeleteWorkflowRule: namespaceWrite,
  ListWorkflowRules: namespaceRead,
  TriggerWorkflowRule: namespaceWrite,
  // Standalone activities and Nexus operations
  StartActivityExecution: namespaceWrite,
  StartNexusOperationExecution: namespaceWrite,
  DescribeActivityExecution: namespaceRead,
  DescribeNexusOperationExecution: namespaceRead,
  PollActivityExecution: namespaceRead,
  PollNexusOperationExecution: namespaceRead,
  ListActivityExecutions: namespaceRead,
  ListNexusOperationExecutions: namespaceRead,
  CountActivityExecutions: namespaceRead,
  CountNexusOperationExecutions: namespaceRead,
  RequestCancelActivityExecution: namespaceWrite,
  RequestCancelNexusOperationExecution: namespaceWrite,
  TerminateActivityExecution: namespaceWrite,
  DeleteActivityExecution: namespaceWrite,
  PauseActivityExecution: namespaceWrite,
  ResetActivityExecution: namespaceWrite,
  UnpauseActivityExecution: namespaceWrite,
  UpdateActivityExecutionOptions: namespaceWrite,
  TerminateNexusOperationExecution: namespaceWrite,
  DeleteNexusOperationExecution: namespaceWrite,
};

/** Every OperatorService rpc, classified the same way. */
export const operatorServicePermissions: Record<OperatorServiceMethodName, RpcPermission> = {
  AddSearchAttributes: namespaceAdmin,
  RemoveSearchAttributes: namespaceAdmin,
  ListSearchAttributes: namespaceRead,
  DeleteNamespace: namespaceAdmin,
  AddOrUpdateRemoteCluster: { scope: 'cluster', access: 'admin' },
  RemoveRemoteCluster: { scope: 'cluster', access: 'admin' },
  ListClusters: { scope: 'cluster', access: 'read' },
  GetNexusEndpoint: { scope: 'cluster', access: 'read' },
  CreateNexusEndpoint: { scope: 'cluster', access: 'admin' },
  UpdateNexusEndpoint: { scope: 'cluster', access: 'admin' },
  DeleteNexusEndpoint: { scope: 'cluster', access: 'admin' },
  ListNexusEndpoints: { scope: 'cluster', access: 'read' },
};

/** The permission table of a service by its short name (`WorkflowService`, `OperatorService`). */
export function rpcPermission(service: string, method: string): RpcPermission | undefined {
  const table: Record<string, RpcPermission> | undefined =
    service === 'WorkflowService'
      ? workflowServicePermissions
      : service === 'OperatorService'
        ? operatorServicePermissions
        : undefined;
  return table && Object.hasOwn(table, method) ? table[method] : undefined;
}
