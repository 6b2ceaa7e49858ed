import type { InternalRpcHandler } from '@kairos/internal-rpc';
import type { temporal } from '@kairos/proto';
import type { HistoryClient, NamespaceRef } from './client.ts';

/**
 * The server side of RemoteHistoryClient: each HistoryClient method under its own name, called with
 * the arguments the remote client sent. Every method is listed (the Record type sees to that), so a
 * method added to the contract cannot be forgotten here. Only the history long poll takes the call's
 * signal: when the caller goes away, the poll ends.
 */
export function historyRpcHandlers(client: HistoryClient): Record<keyof HistoryClient, InternalRpcHandler> {
  const spread =
    (method: keyof HistoryClient): InternalRpcHandler =>
    (args) =>
      Reflect.apply(client[method], client, args) as Promise<unknown>;

  return {
    startWorkflowExecution: spread('startWorkflowExecution'),
    signalWithStartWorkflowExecution: spread('signalWithStartWorkflowExecution'),
    recordWorkflowTaskStarted: spread('recordWorkflowTaskStarted'),
    recordActivityTaskStarted: spread('recordActivityTaskStarted'),
    respondWorkflowTaskCompleted: spread('respondWorkflowTaskCompleted'),
    respondWorkflowTaskFailed: spread('respondWorkflowTaskFailed'),
    respondActivityTaskCompleted: spread('respondActivityTaskCompleted'),
    respondActivityTaskFailed: spread('respondActivityTaskFailed'),
    respondActivityTaskCanceled: spread('respondActivityTaskCanceled'),
    recordActivityTaskHeartbeat: spread('recordActivityTaskHeartbeat'),
    signalWorkflowExecution: spread('signalWorkflowExecution'),
    requestCancelWorkflowExecution: spread('requestCancelWorkflowExecution'),
    terminateWorkflowExecution: spread('terminateWorkflowExecution'),
    resetWorkflowExecution: spread('resetWorkflowExecution'),
    describeWorkflowExecution: spread('describeWorkflowExecution'),
    getWorkflowExecutionHistory: ([namespace, request], signal) =>
      client.getWorkflowExecutionHistory(
        namespace as NamespaceRef,
        request as temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryRequest,
        signal,
      ),
    getWorkflowExecutionHistoryReverse: spread('getWorkflowExecutionHistoryReverse'),
    resetStickyTaskQueue: spread('resetStickyTaskQueue'),
    countOpenExecutions: spread('countOpenExecutions'),
    listRecentExecutions: spread('listRecentExecutions'),
    getQueryTarget: spread('getQueryTarget'),
    processTransfer: spread('processTransfer'),
    // The update rpcs long-poll too: the call's signal ends the wait.
    updateWorkflowExecution: ([namespace, request], signal) =>
      client.updateWorkflowExecution(
        namespace as NamespaceRef,
        request as temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
        signal,
      ),
    pollWorkflowExecutionUpdate: ([namespace, request], signal) =>
      client.pollWorkflowExecutionUpdate(
        namespace as NamespaceRef,
        request as temporal.api.workflowservice.v1.IPollWorkflowExecutionUpdateRequest,
        signal,
      ),
    updateWithStartWorkflowExecution: ([namespace, start, update], signal) =>
      client.updateWithStartWorkflowExecution(
        namespace as NamespaceRef,
        start as temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest,
        update as temporal.api.workflowservice.v1.IUpdateWorkflowExecutionRequest,
        signal,
      ),
  };
}
