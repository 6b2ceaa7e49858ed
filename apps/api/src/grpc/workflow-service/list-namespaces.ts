import { InvalidArgument } from '@kairos/errors';
import type { NamespaceRepository } from '../../namespaces/namespace-repository.ts';
import { principalOf } from '../auth/principal.ts';
import { decodeNamespacePageToken, encodeNamespacePageToken } from './namespace-page-token.ts';
import { describeNamespace } from './namespace-response.ts';
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/** Temporal's default when page_size is 0. */
export const defaultNamespacePageSize = 100;
/** Larger requests are served in pages of this size (Temporal has no cap; a page is one query). */
export const maxNamespacePageSize = 1000;

/**
 * ListNamespaces in name order, `pageSize` at a time, with an opaque `nextPageToken` that is empty on
 * the last page. Deleted namespaces are left out unless `namespaceFilter.includeDeleted`, as in Temporal.
 * Only namespaces the caller may use are listed: its account's, and of those only the ones its API key
 * is scoped to (an anonymous loopback caller sees the system account's).
 */
export function listNamespaces(dependencies: {
  namespaces: NamespaceRepository;
}): WorkflowRpc<'ListNamespaces'> {
  const { namespaces } = dependencies;
  return workflowRpc('ListNamespaces', {
    validate(request) {
      if (request.pageSize < 0) {
        throw InvalidArgument.forField('pageSize', `must not be negative, got ${request.pageSize}`);
      }
      return {
        pageSize: Math.min(request.pageSize || defaultNamespacePageSize, maxNamespacePageSize),
        afterName: decodeNamespacePageToken(request.nextPageToken),
        includeDeleted: request.namespaceFilter?.includeDeleted === true,
      };
    },
    async handle({ pageSize, afterName, includeDeleted }, context) {
      const principal = principalOf(context);
      // One extra row tells whether another page follows, so the last page carries no token.
      const rows = await namespaces.list({
        pageSize: pageSize + 1,
        afterName,
        includeDeleted,
        accountId: principal.accountId,
        ids: principal.kind === 'api_key' && !principal.allNamespaces ? principal.namespaceIds : undefined,
      });
      const page = rows.slice(0, pageSize);
      const last = page.at(-1);
      return {
        namespaces: page.map(describeNamespace),
        nextPageToken:
          rows.length > pageSize && last ? encodeNamespacePageToken(last.name) : new Uint8Array(),
      };
    },
  });
}
