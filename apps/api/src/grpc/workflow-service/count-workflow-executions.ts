import { Long } from '@kairos/proto';
import { jsonPayload } from '../../visibility/search-attribute-payloads.ts';
import type { VisibilityRpcDependencies } from '../../visibility/api-visibility-rpc.ts';
import { engineRpc } from './engine-rpc.ts';

/**
 * CountWorkflowExecutions: how many records match a filter; with `GROUP BY ExecutionStatus`, one
 * group per status, its value a Keyword payload (`"Running"`) as Temporal sends it.
 */
export function countWorkflowExecutions(dependencies: VisibilityRpcDependencies) {
  return engineRpc('CountWorkflowExecutions', dependencies, {
    validate: (request) => ({ query: request.query ?? '' }),
    async handle({ query }, namespace) {
      const result = await dependencies.visibility.store.count({ namespaceId: namespace.id, query });
      return {
        count: Long.fromNumber(result.count),
        groups: result.groups.map((group) => ({
          groupValues: group.values.map((value) => jsonPayload(JSON.stringify(value), 'Keyword')),
          count: Long.fromNumber(group.count),
        })),
      };
    },
  });
}
