import { listPageResponse, pageToken, requestedPageSize } from '../../visibility/list-page.ts';
import type { VisibilityRpcDependencies } from '../../visibility/api-visibility-rpc.ts';
import { engineRpc } from './engine-rpc.ts';

/**
 * ListWorkflowExecutions: one page of the namespace's visibility records matching a list filter, in
 * the filter's ORDER BY or Temporal's default order. A malformed filter is INVALID_ARGUMENT naming
 * the position; the page token is the store's keyset cursor.
 */
export function listWorkflowExecutions(dependencies: VisibilityRpcDependencies) {
  return engineRpc('ListWorkflowExecutions', dependencies, {
    validate: (request) => ({
      query: request.query ?? '',
      pageSize: requestedPageSize(request.pageSize),
      pageToken: pageToken(request.nextPageToken),
    }),
    handle: async (input, namespace) =>
      listPageResponse(await dependencies.visibility.store.list({ namespaceId: namespace.id, ...input })),
  });
}
