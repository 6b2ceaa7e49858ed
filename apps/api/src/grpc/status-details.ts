import type { FailureDetail } from '@kairos/errors';
import { google, temporal } from '@kairos/proto';

const errordetails = temporal.api.errordetails.v1;
const enums = temporal.api.enums.v1;

/** The trailer in which gRPC carries a serialized `google.rpc.Status` with typed details. */
export const statusDetailsKey = 'grpc-status-details-bin';

/** A `google.protobuf.Any` packing one `temporal.api.errordetails.v1` message. */
function packAny(typeName: string, value: Uint8Array): google.protobuf.Any.$Properties {
  return { type_url: `type.googleapis.com/temporal.api.errordetails.v1.${typeName}`, value };
}

/** What an operation of a failed ExecuteMultiOperation that did not itself fail carries. */
const multiOperationAborted: google.protobuf.Any.$Properties = {
  type_url: 'type.googleapis.com/temporal.api.failure.v1.MultiOperationExecutionAborted',
  value: new Uint8Array(),
};

/** Encodes a domain failure detail as the Temporal errordetails message SDKs look for. */
export function packFailureDetail(detail: FailureDetail): google.protobuf.Any.$Properties {
  switch (detail.type) {
    case 'NamespaceNotFound':
      return packAny(
        'NamespaceNotFoundFailure',
        errordetails.NamespaceNotFoundFailure.encode({ namespace: detail.namespace }).finish(),
      );
    case 'NamespaceAlreadyExists':
      return packAny(
        'NamespaceAlreadyExistsFailure',
        errordetails.NamespaceAlreadyExistsFailure.encode({}).finish(),
      );
    case 'NamespaceInvalidState':
      return packAny(
        'NamespaceInvalidStateFailure',
        errordetails.NamespaceInvalidStateFailure.encode({
          namespace: detail.namespace,
          state: enums.NamespaceState[`NAMESPACE_STATE_${detail.state}`],
          allowedStates: detail.allowedStates.map(
            (state) => enums.NamespaceState[`NAMESPACE_STATE_${state}`],
          ),
        }).finish(),
      );
    case 'WorkflowExecutionAlreadyStarted':
      return packAny(
        'WorkflowExecutionAlreadyStartedFailure',
        errordetails.WorkflowExecutionAlreadyStartedFailure.encode({
          startRequestId: detail.startRequestId,
          runId: detail.runId,
        }).finish(),
      );
    case 'NotFound':
      return packAny('NotFoundFailure', errordetails.NotFoundFailure.encode({}).finish());
    case 'PermissionDenied':
      return packAny(
        'PermissionDeniedFailure',
        errordetails.PermissionDeniedFailure.encode({ reason: detail.reason }).finish(),
      );
    case 'ResourceExhausted':
      return packAny(
        'ResourceExhaustedFailure',
        errordetails.ResourceExhaustedFailure.encode({
          cause: enums.ResourceExhaustedCause[`RESOURCE_EXHAUSTED_CAUSE_${detail.cause}`],
          scope: enums.ResourceExhaustedScope[`RESOURCE_EXHAUSTED_SCOPE_${detail.scope}`],
        }).finish(),
      );
    case 'QueryFailed':
      return packAny(
        'QueryFailedFailure',
        errordetails.QueryFailedFailure.encode({
          failure: detail.failure ? temporal.api.failure.v1.Failure.decode(detail.failure) : null,
        }).finish(),
      );
    case 'MultiOperationExecution':
      return packAny(
        'MultiOperationExecutionFailure',
        errordetails.MultiOperationExecutionFailure.encode({
          statuses: detail.statuses.map((status) => ({
            code: status.code,
            message: status.message,
            details:
              status.detail === undefined
                ? []
                : [status.detail === 'aborted' ? multiOperationAborted : packFailureDetail(status.detail)],
          })),
        }).finish(),
      );
  }
}

/**
 * The `grpc-status-details-bin` value: a `google.rpc.Status` repeating code and message, with the
 * detail packed as an Any — the layout Temporal's Go server produces (`status.WithDetails`) and its
 * SDKs decode (the TypeScript SDK reads it in `getGrpcStatusDetails`).
 */
export function encodeStatusDetails(code: number, message: string, detail: FailureDetail): Buffer {
  return Buffer.from(
    google.rpc.Status.encode({ code, message, details: [packFailureDetail(detail)] }).finish(),
  );
}
