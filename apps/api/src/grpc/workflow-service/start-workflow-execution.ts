import type { VisibilityDependencies } from '../../visibility/api-visibility.ts';
import { checkStartSearchAttributes } from '../../visibility/start-search-attributes.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { validateStartWorkflowRequest } from './start-workflow-request.ts';

/**
 * StartWorkflowExecution: validated here (ids, type, queue, timeouts, policies, sizes, search attributes
 * against the namespace's registry), started by history.
 */
export function startWorkflowExecution(
  dependencies: EngineDependencies & { visibility?: Pick<VisibilityDependencies, 'searchAttributes'> },
) {
  return engineRpc('StartWorkflowExecution', dependencies, {
    validate(request) {
      validateStartWorkflowRequest(request);
      return request;
    },
    async handle(request, namespace) {
      await checkStartSearchAttributes(dependencies.visibility, namespace.id, request.searchAttributes);
      return dependencies.history.startWorkflowExecution(namespace, request);
    },
  });
}
