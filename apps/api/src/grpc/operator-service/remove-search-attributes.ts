import { InvalidArgument } from '@kairos/errors';
import { requireNamespaceName } from '../workflow-service/namespace-fields.ts';
import { operatorRpc, type OperatorRpc } from './operator-rpc.ts';
import type { SearchAttributeDependencies } from './search-attribute-dependencies.ts';

/**
 * RemoveSearchAttributes: unregisters custom attributes of one namespace, all or none. A name that is
 * not registered there (system ones included) is NOT_FOUND naming it, as Temporal answers.
 */
export function removeSearchAttributes(
  dependencies: SearchAttributeDependencies,
): OperatorRpc<'RemoveSearchAttributes'> {
  return operatorRpc('RemoveSearchAttributes', {
    validate(request) {
      const namespace = requireNamespaceName(request.namespace ?? '');
      const names = [...new Set(request.searchAttributes ?? [])];
      if (names.length === 0) {
        throw InvalidArgument.forField('searchAttributes', 'name at least one search attribute to remove');
      }
      return { namespace, names };
    },
    async handle({ namespace, names }) {
      const { id } = await dependencies.resolver.resolve(namespace);
      await dependencies.searchAttributes.remove(id, names);
      return {};
    },
  });
}
