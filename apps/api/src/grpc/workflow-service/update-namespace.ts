import { namespaceNotFound } from '@kairos/errors';
import type { NamespaceRepository } from '../../namespaces/namespace-repository.ts';
import { describeNamespace } from './namespace-response.ts';
import { planNamespaceUpdate, validateNamespaceUpdate } from './namespace-update.ts';
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/**
 * UpdateNamespace: description, owner email, data (merged), retention, and REGISTERED → DELETED.
 * Answers with the namespace as it now is; NOT_FOUND (NamespaceNotFoundFailure) for an unknown name.
 */
export function updateNamespace(dependencies: {
  namespaces: NamespaceRepository;
}): WorkflowRpc<'UpdateNamespace'> {
  const { namespaces } = dependencies;
  return workflowRpc('UpdateNamespace', {
    validate: validateNamespaceUpdate,
    async handle(update) {
      const updated = await namespaces.update(update.name, (current) => planNamespaceUpdate(current, update));
      if (!updated) throw namespaceNotFound(update.name);
      const { failoverHistory: _notInUpdateResponse, ...response } = describeNamespace(updated);
      return response;
    },
  });
}
