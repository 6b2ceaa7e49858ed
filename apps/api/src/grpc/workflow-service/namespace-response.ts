import { InvalidArgument } from '@kairos/errors';
import { Long, temporal } from '@kairos/proto';
import type { NamespaceRecord } from '../../namespaces/namespace-repository.ts';

/**
 * The one cluster of a Kairos region, named as `temporal server start-dev` names its cluster. Every
 * namespace is local to it until cross-region replication arrives.
 */
export const currentClusterName = 'active';

const NamespaceState = temporal.api.enums.v1.NamespaceState;
const ArchivalState = temporal.api.enums.v1.ArchivalState;
const ReplicationState = temporal.api.enums.v1.ReplicationState;

type DescribeNamespaceResponse = temporal.api.workflowservice.v1.DescribeNamespaceResponse.$Properties;
type UpdateNamespaceResponse = temporal.api.workflowservice.v1.UpdateNamespaceResponse.$Properties;

export const namespaceStateOf: Record<NamespaceRecord['state'], temporal.api.enums.v1.NamespaceState> = {
  active: NamespaceState.NAMESPACE_STATE_REGISTERED,
  deleted: NamespaceState.NAMESPACE_STATE_DELETED,
};

/**
 * A namespace as DescribeNamespace, ListNamespaces and UpdateNamespace present it, filled the way
 * Temporal's frontend fills it for a local namespace: info, config (retention; archival disabled;
 * no bad binaries or aliases), replication config naming this cluster as active and only member,
 * not global, failover version 0. Capabilities and limits are left unset (all false / unknown):
 * none of the optional features they advertise is implemented yet.
 */
export function describeNamespace(
  namespace: NamespaceRecord,
): DescribeNamespaceResponse & UpdateNamespaceResponse {
  return {
    namespaceInfo: {
      name: namespace.name,
      state: namespaceStateOf[namespace.state],
      description: namespace.description,
      ownerEmail: namespace.ownerEmail,
      data: namespace.data,
      id: namespace.id,
      supportsSchedules: false,
    },
    config: {
      workflowExecutionRetentionTtl: { seconds: Long.fromNumber(namespace.retentionDays * 24 * 60 * 60) },
      badBinaries: { binaries: {} },
      historyArchivalState: ArchivalState.ARCHIVAL_STATE_DISABLED,
      historyArchivalUri: '',
      visibilityArchivalState: ArchivalState.ARCHIVAL_STATE_DISABLED,
      visibilityArchivalUri: '',
      customSearchAttributeAliases: {},
    },
    replicationConfig: {
      activeClusterName: currentClusterName,
      clusters: [{ clusterName: currentClusterName }],
      state: ReplicationState.REPLICATION_STATE_NORMAL,
    },
    failoverVersion: Long.ZERO,
    isGlobalNamespace: false,
    failoverHistory: [],
  };
}

/**
 * Replication settings in a request may only restate what is true: this cluster, alone, active.
 * Anything else is refused naming the field, until cross-region replication exists.
 */
export function requireLocalReplication(request: {
  activeClusterName?: string | null;
  clusters?: readonly { clusterName?: string | null }[] | null;
  fieldPrefix: string;
}): void {
  const { activeClusterName, clusters, fieldPrefix } = request;
  if (activeClusterName && activeClusterName !== currentClusterName) {
    throw InvalidArgument.forField(
      `${fieldPrefix}activeClusterName`,
      `must be "${currentClusterName}" (the only cluster), got ${JSON.stringify(activeClusterName)}`,
    );
  }
  for (const cluster of clusters ?? []) {
    if (cluster.clusterName !== currentClusterName) {
      throw InvalidArgument.forField(
        `${fieldPrefix}clusters`,
        `may only name "${currentClusterName}" (the only cluster), got ${JSON.stringify(cluster.clusterName ?? '')}`,
      );
    }
  }
}
