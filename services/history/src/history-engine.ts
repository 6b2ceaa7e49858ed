import type { temporal } from '@kairos/proto';
import {
  recordActivityTaskHeartbeat,
  recordActivityTaskStarted,
  respondActivityTaskCanceled,
  respondActivityTaskCompleted,
  respondActivityTaskFailed,
} from './api/activity-task.ts';
import { describeWorkflowExecution } from './api/describe-workflow-execution.ts';
import { getQueryTarget } from './api/get-query-target.ts';
import { pollWorkflowExecutionUpdate } from './api/poll-workflow-execution-update.ts';
import { updateWorkflowExecution } from './api/update-workflow-execution.ts';
import { updateWithStartWorkflowExecution } from './updates/update-with-start.ts';
import { countOpenExecutions, listRecentExecutions } from './api/list-executions.ts';
import {
  getWorkflowExecutionHistory,
  getWorkflowExecutionHistoryReverse,
} from './api/get-workflow-execution-history.ts';
import { recordWorkflowTaskStarted } from './api/record-workflow-task-started.ts';
import { requestCancelWorkflowExecution } from './api/request-cancel-workflow-execution.ts';
import { resetStickyTaskQueue } from './api/reset-sticky-task-queue.ts';
import { resetWorkflowExecution } from './api/reset-workflow-execution.ts';
import { respondWorkflowTaskCompleted } from './api/respond-workflow-task-completed.ts';
import { respondWorkflowTaskFailed } from './api/respond-workflow-task-failed.ts';
import { signalWithStartWorkflowExecution } from './api/signal-with-start-workflow-execution.ts';
import { signalWorkflowExecution } from './api/signal-workflow-execution.ts';
import { startWorkflowExecution } from './api/start-workflow-execution.ts';
import { terminateWorkflowExecution } from './api/terminate-workflow-execution.ts';
import type {
  ActivityHeartbeat,
  ActivityResult,
  HistoryClient,
  NamespaceRef,
  PollerInfo,
  QueryTarget,
} from './client.ts';
import type { EngineContext } from './engine/engine-context.ts';
import type { TaskMessage } from './task-message.ts';
import { processTransfer } from './transfer/process-transfer.ts';
import type { TransferTask } from './transfer/transfer-task.ts';

/**
 * The history engine as a HistoryClient: each operation lives in api/<operation>.ts; this class only
 * binds them to the engine's context. In embedded mode the api calls it directly.
 */
export class HistoryEngine implements HistoryClient {
  constructor(private readonly context: EngineContext) {}

  startWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
  ) {
    return startWorkflowExecution(this.context, namespace, request);
  }
  signalWithStartWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ISignalWithStartWorkflowExecutionRequest,
  ) {
    return signalWithStartWorkflowExecution(this.context, namespace, request);
  }
  recordWorkflowTaskStarted(task: TaskMessage, poller: PollerInfo) {
    return recordWorkflowTaskStarted(this.context, task, poller);
  }
  recordActivityTaskStarted(task: TaskMessage, poller: PollerInfo) {
    return recordActivityTaskStarted(this.context, task, poller);
  }
  respondWorkflowTaskCompleted(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondWorkflowTaskCompletedRequest,
  ) {
    return respondWorkflowTaskCompleted(this.context, namespace, request);
  }
  respondWorkflowTaskFailed(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRespondWorkflowTaskFailedRequest,
  ) {
    return respondWorkflowTaskFailed(this.context, namespace, request);
  }
  respondActivityTaskCompleted(namespace: NamespaceRef, request: ActivityResult<'completed'>) {
    return respondActivityTaskCompleted(this.context, namespace, request);
  }
  respondActivityTaskFailed(namespace: NamespaceRef, request: ActivityResult<'failed'>) {
    return respondActivityTaskFailed(this.context, namespace, request);
  }
  respondActivityTaskCanceled(namespace: NamespaceRef, request: ActivityResult<'canceled'>) {
    return respondActivityTaskCanceled(this.context, namespace, request);
  }
  recordActivityTaskHeartbeat(namespace: NamespaceRef, request: ActivityHeartbeat) {
    return recordActivityTaskHeartbeat(this.context, namespace, request);
  }
  signalWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ISignalWorkflowExecutionRequest,
  ) {
    return signalWorkflowExecution(this.context, namespace, request);
  }
  requestCancelWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IRequestCancelWorkflowExecutionRequest,
  ) {
    return requestCancelWorkflowExecution(this.context, namespace, request);
  }
  terminateWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.ITerminateWorkflowExecutionRequest,
  ) {
    return terminateWorkflowExecution(this.context, namespace, request);
  }
  resetWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IResetWorkflowExecutionRequest,
  ) {
    return resetWorkflowExecution(this.context, namespace, request);
  }
  describeWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionRequest,
  ) {
    return describeWorkflowExecution(this.context, namespace, request);
  }
  getWorkflowExecutionHistory(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryRequest,
    signal?: AbortSignal,
  ) {
    return getWorkflowExecutionHistory(this.context, namespace, request, signal);
  }
  getWorkflowExecutionHistoryReverse(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryReverseRequest,
  ) {
    return getWorkflowExecutionHistoryReverse(this.context, namespace, request);
  }
  resetStickyTaskQueue(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IResetStickyTaskQueueRequest,
  ) {
    return resetStickyTaskQueue(this.context, namespace, request);
  }
  countOpenExecutions(namespace: NamespaceRef) {
    return countOpenExecutions(this.context, namespace);
  }
  listRecentExecutions(namespace: NamespaceRef, options: { limit: number }) {
    return listRecentExecutions(this.context, namespace, options);
  }
  getQueryTarget(
    namespace: NamespaceRef,
    execution: { workflowId: string; runId?: string },
  ): Promise<QueryTarget> {
    return getQueryTarget(this.context, namespace, execution);
  }
  processTransfer(task: TransferTask) {
    return processTransfer(this.context, task);
  }
  updateWorkflowExecution(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
    signal?: AbortSignal,
  ) {
    return updateWorkflowExecution(this.context, namespace, request, signal);
  }
  pollWorkflowExecutionUpdate(
    namespace: NamespaceRef,
    request: temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateRequest,
    signal?: AbortSignal,
  ) {
    return pollWorkflowExecutionUpdate(this.context, namespace, request, signal);
  }
  updateWithStartWorkflowExecution(
    namespace: NamespaceRef,
    start: temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
    update: temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
    signal?: AbortSignal,
  ) {
    return updateWithStartWorkflowExecution(this.context, namespace, start, update, signal);
  }
}
