import { PREDEFINED_SEARCH_ATTRIBUTES, SYSTEM_SEARCH_ATTRIBUTES } from '@kairos/visibility';
import { requireNamespaceName } from '../workflow-service/namespace-fields.ts';
import { toIndexedValueTypes } from './indexed-value-types.ts';
import { operatorRpc, type OperatorRpc } from './operator-rpc.ts';
import type { SearchAttributeDependencies } from './search-attribute-dependencies.ts';

/**
 * Temporal lists its predefined attributes (TemporalChangeVersion, BuildIds ...) among the system ones:
 * a namespace cannot register or remove either kind.
 */
export const SYSTEM_AND_PREDEFINED_ATTRIBUTES = {
  ...SYSTEM_SEARCH_ATTRIBUTES,
  ...PREDEFINED_SEARCH_ATTRIBUTES,
};

/**
 * ListSearchAttributes: the namespace's custom attributes and the system ones. storageSchema stays
 * empty, as Temporal leaves it for SQL visibility (the OpenSearch mapping is Kairos's own business).
 */
export function listSearchAttributes(
  dependencies: SearchAttributeDependencies,
): OperatorRpc<'ListSearchAttributes'> {
  return operatorRpc('ListSearchAttributes', {
    validate: (request) => requireNamespaceName(request.namespace ?? ''),
    async handle(namespace) {
      const { id } = await dependencies.resolver.resolve(namespace);
      return {
        customAttributes: toIndexedValueTypes(await dependencies.searchAttributes.list(id)),
        systemAttributes: toIndexedValueTypes(SYSTEM_AND_PREDEFINED_ATTRIBUTES),
        storageSchema: {},
      };
    },
  });
}
