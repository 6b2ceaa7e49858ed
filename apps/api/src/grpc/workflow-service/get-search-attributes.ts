import { SYSTEM_AND_PREDEFINED_ATTRIBUTES } from '../operator-service/list-search-attributes.ts';
import { toIndexedValueTypes } from '../operator-service/indexed-value-types.ts';
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/**
 * GetSearchAttributes (deprecated by Temporal in favour of OperatorService ListSearchAttributes): the
 * request names no namespace, and custom attributes are registered per namespace in Kairos, so the keys
 * are the attributes every namespace has: the system and predefined ones.
 */
export function getSearchAttributes(): WorkflowRpc<'GetSearchAttributes'> {
  return workflowRpc('GetSearchAttributes', {
    validate: () => undefined,
    handle: async () => ({ keys: toIndexedValueTypes(SYSTEM_AND_PREDEFINED_ATTRIBUTES) }),
  });
}
