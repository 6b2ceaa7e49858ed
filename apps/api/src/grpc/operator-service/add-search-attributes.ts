import { InvalidArgument } from '@kairos/errors';
import type { SearchAttributeType } from '@kairos/visibility';
import { requireNamespaceName } from '../workflow-service/namespace-fields.ts';
import { searchAttributeTypeOf } from './indexed-value-types.ts';
import { operatorRpc, type OperatorRpc } from './operator-rpc.ts';
import type { SearchAttributeDependencies } from './search-attribute-dependencies.ts';

/**
 * AddSearchAttributes: registers custom attributes in one namespace. Adding a name already registered
 * with the same type succeeds without change (Temporal skips existing names, so retries are safe); the
 * same name with another type is ALREADY_EXISTS. Names, types and Temporal Cloud's per-type limits are
 * the registry's rules, refused as INVALID_ARGUMENT naming the attribute; all or nothing is added.
 */
export function addSearchAttributes(
  dependencies: SearchAttributeDependencies,
): OperatorRpc<'AddSearchAttributes'> {
  return operatorRpc('AddSearchAttributes', {
    validate(request) {
      const namespace = requireNamespaceName(request.namespace ?? '');
      const entries = Object.entries(request.searchAttributes ?? {});
      if (entries.length === 0) {
        throw InvalidArgument.forField('searchAttributes', 'name at least one search attribute to add');
      }
      const attributes: Record<string, SearchAttributeType> = {};
      for (const [name, value] of entries) {
        attributes[name] = searchAttributeTypeOf('searchAttributes', name, value);
      }
      return { namespace, attributes };
    },
    async handle({ namespace, attributes }) {
      const { id } = await dependencies.resolver.resolve(namespace);
      await dependencies.searchAttributes.add(id, attributes);
      return {};
    },
  });
}
