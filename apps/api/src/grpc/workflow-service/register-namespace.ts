import { InvalidArgument } from '@kairos/errors';
import type { NamespaceRepository, NewNamespace } from '../../namespaces/namespace-repository.ts';
import { principalOf } from '../auth/principal.ts';
import {
  refuseArchival,
  retentionDays,
  retentionDaysFrom,
  validateNewNamespaceName,
} from './namespace-fields.ts';
import { requireLocalReplication } from './namespace-response.ts';
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/**
 * RegisterNamespace: a new local namespace, named by Temporal Cloud's rules, retention 1–90 whole days.
 * Unlike Temporal's server, which refuses a request without retention, an unset retention means
 * Temporal Cloud's default (30 days). A taken name (also by a deleted namespace, which keeps its name
 * until it is purged) answers ALREADY_EXISTS with NamespaceAlreadyExistsFailure.
 *
 * The namespace belongs to the caller's account (the system account for anonymous loopback callers);
 * authorization has checked that the caller is an admin with a key for all the account's namespaces.
 */
export function registerNamespace(dependencies: {
  namespaces: NamespaceRepository;
}): WorkflowRpc<'RegisterNamespace'> {
  const { namespaces } = dependencies;
  return workflowRpc('RegisterNamespace', {
    validate(request): Omit<NewNamespace, 'accountId'> {
      const name = validateNewNamespaceName(request.namespace);
      if (request.isGlobalNamespace) {
        throw InvalidArgument.forField(
          'isGlobalNamespace',
          'global namespaces are not available on this server yet',
        );
      }
      requireLocalReplication({
        activeClusterName: request.activeClusterName,
        clusters: request.clusters,
        fieldPrefix: '',
      });
      refuseArchival({
        historyArchivalState: request.historyArchivalState,
        historyArchivalUri: request.historyArchivalUri,
        visibilityArchivalState: request.visibilityArchivalState,
        visibilityArchivalUri: request.visibilityArchivalUri,
      });
      return {
        name,
        description: request.description,
        ownerEmail: request.ownerEmail,
        data: { ...request.data },
        retentionDays:
          retentionDaysFrom(request.workflowExecutionRetentionPeriod, 'workflowExecutionRetentionPeriod') ??
          retentionDays.default,
      };
    },
    async handle(namespace, context) {
      await namespaces.create({ ...namespace, accountId: principalOf(context).accountId });
      return {};
    },
  });
}
