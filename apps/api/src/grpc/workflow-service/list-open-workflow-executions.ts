import { listPageResponse, pageToken, requestedPageSize } from '../../visibility/list-page.ts';
import type { VisibilityRpcDependencies } from '../../visibility/api-visibility-rpc.ts';
import { typedFilterQuery } from '../../visibility/typed-list-filter.ts';
import { engineRpc } from './engine-rpc.ts';

/** ListOpenWorkflowExecutions: Running runs, newest start first, by start time window, id or type. */
export function listOpenWorkflowExecutions(dependencies: VisibilityRpcDependencies) {
  return engineRpc('ListOpenWorkflowExecutions', dependencies, {
    validate: (request) => ({
      query: typedFilterQuery('open', request),
      pageSize: requestedPageSize(request.maximumPageSize),
      pageToken: pageToken(request.nextPageToken),
    }),
    handle: async (input, namespace) =>
      listPageResponse(await dependencies.visibility.store.list({ namespaceId: namespace.id, ...input })),
  });
}
