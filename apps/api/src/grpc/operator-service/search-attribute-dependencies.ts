import type { SearchAttributeRegistry } from '@kairos/visibility';
import type { NamespaceResolver } from '../../namespaces/namespace-resolver.ts';

/** What the search attribute rpcs need: namespaces by name, and the per-namespace registry. */
export interface SearchAttributeDependencies {
  resolver: NamespaceResolver;
  searchAttributes: Pick<SearchAttributeRegistry, 'list' | 'add' | 'remove'>;
}
