/**
 * Machine-readable details that Temporal attaches to some errors (its `temporal.api.errordetails.v1`
 * messages), which SDKs decode into typed errors — e.g. NamespaceNotFoundFailure becomes the TypeScript
 * SDK's NamespaceNotFoundError. Plain data here so this package stays free of protobuf; the gRPC edge
 * encodes them, other edges may ignore them.
 */
export type FailureDetail =
  | { type: 'NamespaceNotFound'; namespace: string }
  | { type: 'NamespaceAlreadyExists' }
  | {
      type: 'NamespaceInvalidState';
      namespace: string;
      state: NamespaceStateName;
      allowedStates: NamespaceStateName[];
    }
  | { type: 'WorkflowExecutionAlreadyStarted'; startRequestId: string; runId: string }
  /** A workflow execution (or another entity) does not exist; SDKs map it to WorkflowNotFoundError. */
  | { type: 'NotFound' }
  | { type: 'PermissionDenied'; reason: string }
  | { type: 'ResourceExhausted'; cause: ResourceExhaustedCause; scope: 'NAMESPACE' | 'SYSTEM' }
  /**
   * A query the worker answered with a failure (its handler threw, or the query type is unknown).
   * `failure` is the worker's `temporal.api.failure.v1.Failure`, protobuf-encoded, when it sent one.
   */
  | { type: 'QueryFailed'; failure?: Uint8Array }
  /**
   * ExecuteMultiOperation failed: one status per operation, in request order (gRPC code, message and
   * that operation's own detail; the operations that did not fail are `aborted`).
   */
  | { type: 'MultiOperationExecution'; statuses: MultiOperationStatus[] };

/** One operation's outcome inside a MultiOperationExecution detail. */
export interface MultiOperationStatus {
  code: number;
  message: string;
  detail?: FailureDetail | 'aborted';
}

/** Temporal's namespace states (`NAMESPACE_STATE_*`). */
export type NamespaceStateName = 'REGISTERED' | 'DEPRECATED' | 'DELETED';

/** The `RESOURCE_EXHAUSTED_CAUSE_*` values Kairos produces. */
export type ResourceExhaustedCause =
  | 'RPS_LIMIT'
  | 'APS_LIMIT'
  | 'CONCURRENT_LIMIT'
  | 'PERSISTENCE_LIMIT'
  | 'SYSTEM_OVERLOADED'
  | 'BUSY_WORKFLOW';
