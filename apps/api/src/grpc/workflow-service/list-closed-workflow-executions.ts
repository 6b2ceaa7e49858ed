import { listPageResponse, pageToken, requestedPageSize } from '../../visibility/list-page.ts';
import type { VisibilityRpcDependencies } from '../../visibility/api-visibility-rpc.ts';
import { typedFilterQuery } from '../../visibility/typed-list-filter.ts';
import { engineRpc } from './engine-rpc.ts';

/**
 * ListClosedWorkflowExecutions: closed runs, latest close first, by close time window (Temporal
 * applies the request's StartTimeFilter to CloseTime here), id, type or closed status.
 */
export function listClosedWorkflowExecutions(dependencies: VisibilityRpcDependencies) {
  return engineRpc('ListClosedWorkflowExecutions', dependencies, {
    validate: (request) => ({
      query: typedFilterQuery('closed', request),
      pageSize: requestedPageSize(request.maximumPageSize),
      pageToken: pageToken(request.nextPageToken),
    }),
    handle: async (input, namespace) =>
      listPageResponse(await dependencies.visibility.store.list({ namespaceId: namespace.id, ...input })),
  });
}
