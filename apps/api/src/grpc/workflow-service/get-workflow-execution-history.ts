import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution } from './execution-fields.ts';

/** GetWorkflowExecutionHistory: paged events; long-polls with waitNewEvent (the SDK's result()). */
export function getWorkflowExecutionHistory(dependencies: EngineDependencies) {
  return engineRpc('GetWorkflowExecutionHistory', dependencies, {
    validate(request) {
      requireExecution(request.execution, 'execution');
      return request;
    },
    handle: (request, namespace, context) =>
      dependencies.history.getWorkflowExecutionHistory(namespace, request, context.signal),
  });
}

/** GetWorkflowExecutionHistoryReverse: newest events first. */
export function getWorkflowExecutionHistoryReverse(dependencies: EngineDependencies) {
  return engineRpc('GetWorkflowExecutionHistoryReverse', dependencies, {
    validate(request) {
      requireExecution(request.execution, 'execution');
      return request;
    },
    handle: (request, namespace) =>
      dependencies.history.getWorkflowExecutionHistoryReverse(namespace, request),
  });
}
