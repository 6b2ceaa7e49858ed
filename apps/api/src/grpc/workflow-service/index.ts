import type { WorkflowServiceMethods } from '@kairos/proto';
import type { NamespaceRepository } from '../../namespaces/namespace-repository.ts';
import type { ServiceHandlers } from '../service-router.ts';
import { describeNamespace } from './describe-namespace.ts';
import { describeTaskQueue } from './describe-task-queue.ts';
import { describeWorkflowExecution } from './describe-workflow-execution.ts';
import { executeMultiOperation } from './execute-multi-operation.ts';
import type { EngineDependencies } from './engine-rpc.ts';
import { getSearchAttributes } from './get-search-attributes.ts';
import { getSystemInfo } from './get-system-info.ts';
import {
  getWorkflowExecutionHistory,
  getWorkflowExecutionHistoryReverse,
} from './get-workflow-execution-history.ts';
import { countWorkflowExecutions } from './count-workflow-executions.ts';
import { listClosedWorkflowExecutions } from './list-closed-workflow-executions.ts';
import { listNamespaces } from './list-namespaces.ts';
import { listOpenWorkflowExecutions } from './list-open-workflow-executions.ts';
import { listWorkflowExecutions } from './list-workflow-executions.ts';
import { pollActivityTaskQueue } from './poll-activity-task-queue.ts';
import { pollWorkflowExecutionUpdate } from './poll-workflow-execution-update.ts';
import { pollWorkflowTaskQueue } from './poll-workflow-task-queue.ts';
import { queryWorkflow } from './query-workflow.ts';
import {
  recordActivityTaskHeartbeat,
  recordActivityTaskHeartbeatById,
} from './record-activity-task-heartbeat.ts';
import { registerNamespace } from './register-namespace.ts';
import { requestCancelWorkflowExecution } from './request-cancel-workflow-execution.ts';
import { resetStickyTaskQueue } from './reset-sticky-task-queue.ts';
import { resetWorkflowExecution } from './reset-workflow-execution.ts';
import {
  respondActivityTaskCanceled,
  respondActivityTaskCanceledById,
  respondActivityTaskCompleted,
  respondActivityTaskCompletedById,
  respondActivityTaskFailed,
  respondActivityTaskFailedById,
} from './respond-activity-task.ts';
import { respondQueryTaskCompleted } from './respond-query-task-completed.ts';
import { respondWorkflowTaskCompleted } from './respond-workflow-task-completed.ts';
import { respondWorkflowTaskFailed } from './respond-workflow-task-failed.ts';
import { scanWorkflowExecutions } from './scan-workflow-executions.ts';
import { scheduleHandlers } from './schedule-handlers.ts';
import type { Schedules } from '../../schedules/schedules.ts';
import { shutdownWorker } from './shutdown-worker.ts';
import { signalWithStartWorkflowExecution } from './signal-with-start-workflow-execution.ts';
import { signalWorkflowExecution } from './signal-workflow-execution.ts';
import { startWorkflowExecution } from './start-workflow-execution.ts';
import { terminateWorkflowExecution } from './terminate-workflow-execution.ts';
import { updateNamespace } from './update-namespace.ts';
import { updateWorkflowExecution } from './update-workflow-execution.ts';
import type { VisibilityDependencies } from '../../visibility/api-visibility.ts';

export interface WorkflowServiceDependencies extends EngineDependencies {
  namespaces: NamespaceRepository;
  /** Schedules (CreateSchedule ...): served when the process hosts the scheduler loop. */
  schedules?: Schedules;
  /** List/Count/ScanWorkflowExecutions are served, and start-time search attributes checked, when given. */
  visibility?: VisibilityDependencies;
}

/** The WorkflowService rpcs Kairos serves, one file each; every other rpc answers UNIMPLEMENTED. */
export function workflowServiceHandlers(
  dependencies: WorkflowServiceDependencies,
): ServiceHandlers<WorkflowServiceMethods> {
  return {
    GetSystemInfo: getSystemInfo(),
    GetSearchAttributes: getSearchAttributes(),
    DescribeNamespace: describeNamespace(dependencies),
    ListNamespaces: listNamespaces(dependencies),
    RegisterNamespace: registerNamespace(dependencies),
    UpdateNamespace: updateNamespace(dependencies),
    StartWorkflowExecution: startWorkflowExecution(dependencies),
    PollWorkflowTaskQueue: pollWorkflowTaskQueue(dependencies),
    RespondWorkflowTaskCompleted: respondWorkflowTaskCompleted(dependencies),
    RespondWorkflowTaskFailed: respondWorkflowTaskFailed(dependencies),
    PollActivityTaskQueue: pollActivityTaskQueue(dependencies),
    RespondActivityTaskCompleted: respondActivityTaskCompleted(dependencies),
    RespondActivityTaskCompletedById: respondActivityTaskCompletedById(dependencies),
    RespondActivityTaskFailed: respondActivityTaskFailed(dependencies),
    RespondActivityTaskFailedById: respondActivityTaskFailedById(dependencies),
    RespondActivityTaskCanceled: respondActivityTaskCanceled(dependencies),
    RespondActivityTaskCanceledById: respondActivityTaskCanceledById(dependencies),
    RecordActivityTaskHeartbeat: recordActivityTaskHeartbeat(dependencies),
    RecordActivityTaskHeartbeatById: recordActivityTaskHeartbeatById(dependencies),
    GetWorkflowExecutionHistory: getWorkflowExecutionHistory(dependencies),
    GetWorkflowExecutionHistoryReverse: getWorkflowExecutionHistoryReverse(dependencies),
    SignalWorkflowExecution: signalWorkflowExecution(dependencies),
    SignalWithStartWorkflowExecution: signalWithStartWorkflowExecution(dependencies),
    QueryWorkflow: queryWorkflow(dependencies),
    RespondQueryTaskCompleted: respondQueryTaskCompleted(dependencies),
    DescribeWorkflowExecution: describeWorkflowExecution(dependencies),
    RequestCancelWorkflowExecution: requestCancelWorkflowExecution(dependencies),
    TerminateWorkflowExecution: terminateWorkflowExecution(dependencies),
    ResetWorkflowExecution: resetWorkflowExecution(dependencies),
    ResetStickyTaskQueue: resetStickyTaskQueue(dependencies),
    ShutdownWorker: shutdownWorker(dependencies),
    DescribeTaskQueue: describeTaskQueue(dependencies),
    UpdateWorkflowExecution: updateWorkflowExecution(dependencies),
    PollWorkflowExecutionUpdate: pollWorkflowExecutionUpdate(dependencies),
    ExecuteMultiOperation: executeMultiOperation(dependencies),
    ...(dependencies.schedules
      ? scheduleHandlers({ ...dependencies, schedules: dependencies.schedules })
      : {}),
    ...(dependencies.visibility
      ? visibilityHandlers({ ...dependencies, visibility: dependencies.visibility })
      : {}),
  };
}

/** The rpcs that read the visibility store. */
function visibilityHandlers(
  dependencies: WorkflowServiceDependencies & { visibility: VisibilityDependencies },
): ServiceHandlers<WorkflowServiceMethods> {
  return {
    ListWorkflowExecutions: listWorkflowExecutions(dependencies),
    ScanWorkflowExecutions: scanWorkflowExecutions(dependencies),
    CountWorkflowExecutions: countWorkflowExecutions(dependencies),
    ListOpenWorkflowExecutions: listOpenWorkflowExecutions(dependencies),
    ListClosedWorkflowExecutions: listClosedWorkflowExecutions(dependencies),
  };
}
