import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { requireExecution } from './execution-fields.ts';

/** DescribeWorkflowExecution: configuration, status, pending activities and workflow task. */
export function describeWorkflowExecution(dependencies: EngineDependencies) {
  return engineRpc('DescribeWorkflowExecution', dependencies, {
    validate(request) {
      requireExecution(request.execution, 'execution');
      return request;
    },
    handle: (request, namespace) => dependencies.history.describeWorkflowExecution(namespace, request),
  });
}
