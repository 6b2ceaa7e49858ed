import { InvalidArgument } from '@kairos/errors';
import { searchAttributeProblem, type SearchAttributeLookup } from '@kairos/history/rules';
import type { temporal } from '@kairos/proto';
import { resolveSearchAttribute, type CustomSearchAttributes } from '@kairos/visibility';
import { indexedValueTypeOf } from '../grpc/operator-service/indexed-value-types.ts';
import type { VisibilityDependencies } from './api-visibility.ts';

/**
 * Checks the search attributes a start carries (StartWorkflowExecution, SignalWithStart) against the
 * namespace's registry, as Temporal's frontend does before history sees them: a name that is not
 * registered is INVALID_ARGUMENT `search attribute <Name> is not defined`, a value of the wrong type
 * names the attribute and its type, a system attribute cannot be set. Without visibility (tests of
 * other parts) nothing is checked here; counts and sizes were checked with the request.
 */
export async function checkStartSearchAttributes(
  visibility: Pick<VisibilityDependencies, 'searchAttributes'> | undefined,
  namespaceId: string,
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined,
  field = 'searchAttributes',
): Promise<void> {
  const fields = searchAttributes?.indexedFields;
  if (visibility === undefined || !fields) return;
  const names = Object.keys(fields);
  if (names.length === 0) return;
  const custom = await visibility.searchAttributes.covering(namespaceId, names);
  const lookup = registryLookup(custom);
  for (const name of names) {
    const problem = searchAttributeProblem(name, fields[name], lookup);
    if (problem) throw InvalidArgument.forField(`${field}.indexedFields.${name}`, problem);
  }
}

/** Exact names only: `SchedulePaused` is a filter alias of `TemporalSchedulePaused`, not a writable name. */
function registryLookup(custom: CustomSearchAttributes): SearchAttributeLookup {
  return (name) => {
    const attribute = resolveSearchAttribute(name, custom);
    if (attribute === undefined || attribute.name !== name) return undefined;
    return attribute.kind === 'system' ? 'system' : indexedValueTypeOf(attribute.type);
  };
}
