import { listPageResponse, pageToken, requestedPageSize } from '../../visibility/list-page.ts';
import type { VisibilityRpcDependencies } from '../../visibility/api-visibility-rpc.ts';
import { engineRpc } from './engine-rpc.ts';

/** ScanWorkflowExecutions: ListWorkflowExecutions without an ordering guarantee (for bulk reads). */
export function scanWorkflowExecutions(dependencies: VisibilityRpcDependencies) {
  return engineRpc('ScanWorkflowExecutions', dependencies, {
    validate: (request) => ({
      query: request.query ?? '',
      pageSize: requestedPageSize(request.pageSize),
      pageToken: pageToken(request.nextPageToken),
    }),
    handle: async (input, namespace) =>
      listPageResponse(await dependencies.visibility.store.scan({ namespaceId: namespace.id, ...input })),
  });
}
