import { isGrpcServiceError } from '@temporalio/client';
import { google } from '@kairos/proto';
import { expect } from 'vitest';

/** The rejection of `call`, which must be a gRPC error from the server (anything else is rethrown). */
export async function grpcError(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught,
  );
  if (!isGrpcServiceError(error)) throw error;
  return error;
}

/** The typed Temporal failure the server put in `grpc-status-details-bin`, decoded as an SDK would. */
export function failureDetail(error: { metadata: { get(key: string): unknown[] } }) {
  const [bytes] = error.metadata.get('grpc-status-details-bin');
  if (!Buffer.isBuffer(bytes)) return undefined;
  const [detail] = google.rpc.Status.decode(bytes).details;
  return detail ? { typeUrl: detail.type_url, value: detail.value } : undefined;
}
