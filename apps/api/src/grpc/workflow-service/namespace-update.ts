import { InvalidArgument, namespaceInvalidState } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import type { NamespaceChange, NamespaceRecord } from '../../namespaces/namespace-repository.ts';
import { refuseArchival, requireNamespaceName, retentionDaysFrom } from './namespace-fields.ts';
import { requireLocalReplication } from './namespace-response.ts';
import type { WorkflowRequest } from './workflow-rpc.ts';

const NamespaceState = temporal.api.enums.v1.NamespaceState;
const ReplicationState = temporal.api.enums.v1.ReplicationState;

/** What an UpdateNamespace request asks for, validated; absent fields leave the namespace as it is. */
export interface NamespaceUpdate {
  name: string;
  description?: string;
  ownerEmail?: string;
  /** Merged into the existing data (Temporal merges; it never removes keys). */
  data?: Record<string, string>;
  retentionDays?: number;
  /** REGISTERED → DELETED is the only state change Kairos (like Temporal) allows. */
  markDeleted?: boolean;
}

/**
 * Validates an UpdateNamespace request as Temporal reads it: empty strings and empty maps mean
 * "unchanged" (proto3 cannot tell them from unset). Features Kairos lacks (replication, archival,
 * bad binaries, search attribute aliases) are refused naming the field instead of being ignored.
 */
export function validateNamespaceUpdate(request: WorkflowRequest<'UpdateNamespace'>): NamespaceUpdate {
  const update: NamespaceUpdate = { name: requireNamespaceName(request.namespace) };
  const info = request.updateInfo;
  if (info?.description) update.description = info.description;
  if (info?.ownerEmail) update.ownerEmail = info.ownerEmail;
  if (info?.data && Object.keys(info.data).length > 0) update.data = { ...info.data };
  switch (info?.state ?? NamespaceState.NAMESPACE_STATE_UNSPECIFIED) {
    case NamespaceState.NAMESPACE_STATE_UNSPECIFIED:
    case NamespaceState.NAMESPACE_STATE_REGISTERED:
      break;
    case NamespaceState.NAMESPACE_STATE_DELETED:
      update.markDeleted = true;
      break;
    default:
      throw InvalidArgument.forField('updateInfo.state', 'may only be REGISTERED or DELETED on this server');
  }
  const config = request.config;
  const retention = retentionDaysFrom(
    config?.workflowExecutionRetentionTtl,
    'config.workflowExecutionRetentionTtl',
  );
  if (retention !== undefined) update.retentionDays = retention;
  refuseArchival({
    'config.historyArchivalState': config?.historyArchivalState,
    'config.historyArchivalUri': config?.historyArchivalUri,
    'config.visibilityArchivalState': config?.visibilityArchivalState,
    'config.visibilityArchivalUri': config?.visibilityArchivalUri,
  });
  if (Object.keys(config?.badBinaries?.binaries ?? {}).length > 0) {
    throw InvalidArgument.forField('config.badBinaries', 'bad binaries are not available on this server');
  }
  if (Object.keys(config?.customSearchAttributeAliases ?? {}).length > 0) {
    throw InvalidArgument.forField(
      'config.customSearchAttributeAliases',
      'are not available on this server yet',
    );
  }
  if (request.deleteBadBinary) {
    throw InvalidArgument.forField(
      'deleteBadBinary',
      `no bad binary ${JSON.stringify(request.deleteBadBinary)} exists`,
    );
  }
  if (request.promoteNamespace) {
    throw InvalidArgument.forField(
      'promoteNamespace',
      'global namespaces are not available on this server yet',
    );
  }
  const replication = request.replicationConfig;
  requireLocalReplication({
    activeClusterName: replication?.activeClusterName,
    clusters: replication?.clusters,
    fieldPrefix: 'replicationConfig.',
  });
  const replicationState = replication?.state ?? ReplicationState.REPLICATION_STATE_UNSPECIFIED;
  if (
    ![ReplicationState.REPLICATION_STATE_UNSPECIFIED, ReplicationState.REPLICATION_STATE_NORMAL].includes(
      replicationState,
    )
  ) {
    throw InvalidArgument.forField('replicationConfig.state', 'may only be NORMAL on this server');
  }
  return update;
}

/**
 * The change to write, decided against the current row (inside the update's transaction). A deleted
 * namespace refuses updates with FAILED_PRECONDITION and NamespaceInvalidStateFailure, the answer
 * Temporal's namespace validator gives for a namespace in a state the rpc does not allow.
 */
export function planNamespaceUpdate(current: NamespaceRecord, update: NamespaceUpdate): NamespaceChange {
  if (current.state === 'deleted') throw namespaceInvalidState(current.name, 'DELETED', ['REGISTERED']);
  const change: NamespaceChange = {};
  if (update.description !== undefined) change.description = update.description;
  if (update.ownerEmail !== undefined) change.ownerEmail = update.ownerEmail;
  if (update.data !== undefined) change.data = { ...current.data, ...update.data };
  if (update.retentionDays !== undefined) change.retentionDays = update.retentionDays;
  if (update.markDeleted) change.state = 'deleted';
  return change;
}
