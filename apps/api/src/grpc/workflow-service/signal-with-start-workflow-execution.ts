import type { VisibilityDependencies } from '../../visibility/api-visibility.ts';
import { checkStartSearchAttributes } from '../../visibility/start-search-attributes.ts';
import { engineRpc, type EngineDependencies } from './engine-rpc.ts';
import { checkPayloadsSize, requireId } from './execution-fields.ts';
import { validateStartWorkflowRequest } from './start-workflow-request.ts';

/** SignalWithStartWorkflowExecution: signal the running run, or start one that begins with the signal. */
export function signalWithStartWorkflowExecution(
  dependencies: EngineDependencies & { visibility?: Pick<VisibilityDependencies, 'searchAttributes'> },
) {
  return engineRpc('SignalWithStartWorkflowExecution', dependencies, {
    validate(request) {
      validateStartWorkflowRequest(request, { operation: 'signal-with-start' });
      requireId(request.signalName, 'signalName');
      checkPayloadsSize(request.signalInput, 'signalInput');
      return request;
    },
    async handle(request, namespace) {
      await checkStartSearchAttributes(dependencies.visibility, namespace.id, request.searchAttributes);
      return dependencies.history.signalWithStartWorkflowExecution(namespace, request);
    },
  });
}
