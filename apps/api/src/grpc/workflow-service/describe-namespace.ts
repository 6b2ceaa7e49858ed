import { InvalidArgument, namespaceNotFound } from '@kairos/errors';
import type { NamespaceRepository } from '../../namespaces/namespace-repository.ts';
import { requireNamespaceName, validateNamespaceId } from './namespace-fields.ts';
import { describeNamespace as describe } from './namespace-response.ts';
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

type Lookup = { by: 'name'; name: string } | { by: 'id'; id: string };

/**
 * DescribeNamespace by name or by id (exactly one). Deleted namespaces are described too, with state
 * DELETED, as Temporal does (it reads the namespace record directly, whatever its state).
 */
export function describeNamespace(dependencies: {
  namespaces: NamespaceRepository;
}): WorkflowRpc<'DescribeNamespace'> {
  const { namespaces } = dependencies;
  return workflowRpc('DescribeNamespace', {
    validate(request): Lookup {
      if (request.id && request.namespace) {
        throw InvalidArgument.forField('id', 'set either namespace or id, not both');
      }
      if (request.id) return { by: 'id', id: validateNamespaceId(request.id) };
      return { by: 'name', name: requireNamespaceName(request.namespace) };
    },
    async handle(lookup) {
      const found =
        lookup.by === 'id' ? await namespaces.findById(lookup.id) : await namespaces.findByName(lookup.name);
      if (!found) throw namespaceNotFound(lookup.by === 'id' ? lookup.id : lookup.name);
      return describe(found);
    },
  });
}
