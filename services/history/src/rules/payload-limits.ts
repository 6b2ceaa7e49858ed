import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import {
  blobSizeLimitErrorBytes,
  blobSizeLimitWarnBytes,
  memoSizeLimitErrorBytes,
  memoSizeLimitWarnBytes,
} from './limits.ts';

/**
 * Payload sizes measured the way Temporal measures them. Most limits apply to a message's protobuf
 * encoding (`Payloads.Size()`: data, metadata keys and values, and the framing around them); two
 * commands (upsert search attributes, modify memo) count only keys and data. Everything here is a
 * pure measurement: callers decide whether an oversize value is an INVALID_ARGUMENT (requests) or a
 * terminated run (workflow task commands).
 */
const common = temporal.api.common.v1;
type Payload = temporal.api.common.v1.IPayload;

/** Encoded size of a Payloads message (start input, activity input, results, details). */
export function payloadsSize(payloads: temporal.api.common.v1.IPayloads | null | undefined): number {
  return payloads ? common.Payloads.encode(payloads).finish().length : 0;
}

/** Encoded size of a Memo message. */
export function memoSize(memo: temporal.api.common.v1.IMemo | null | undefined): number {
  return memo ? common.Memo.encode(memo).finish().length : 0;
}

/** Encoded size of a Header message. */
export function headerSize(header: temporal.api.common.v1.IHeader | null | undefined): number {
  return header ? common.Header.encode(header).finish().length : 0;
}

/** Encoded size of a SearchAttributes message. */
export function searchAttributesSize(
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined,
): number {
  return searchAttributes ? common.SearchAttributes.encode(searchAttributes).finish().length : 0;
}

/** Encoded size of a Failure (FailWorkflowExecution's failure). */
export function failureSize(failure: temporal.api.failure.v1.IFailure | null | undefined): number {
  return failure ? temporal.api.failure.v1.Failure.encode(failure).finish().length : 0;
}

/**
 * Keys plus data bytes of a map of single payloads, metadata left out: how Temporal sizes the
 * fields of UpsertWorkflowSearchAttributes and ModifyWorkflowProperties commands.
 */
export function payloadMapDataSize(
  fields: Record<string, Payload | null | undefined> | null | undefined,
): number {
  let size = 0;
  for (const [key, payload] of Object.entries(fields ?? {})) {
    size += Buffer.byteLength(key, 'utf8') + payloadDataLength(payload);
  }
  return size;
}

/** Keys plus encoded Payloads of a map of payload lists: how Temporal sizes RecordMarker details. */
export function payloadsMapSize(
  map: Record<string, temporal.api.common.v1.IPayloads | null | undefined> | null | undefined,
): number {
  let size = 0;
  for (const [key, payloads] of Object.entries(map ?? {})) {
    size += Buffer.byteLength(key, 'utf8') + payloadsSize(payloads);
  }
  return size;
}

/** Bytes of a payload's data, whether decoded (Uint8Array) or still base64 text (JSON transport). */
export function payloadDataLength(payload: Payload | null | undefined): number {
  const data: Uint8Array | string | null | undefined = payload?.data;
  if (!data) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data, 'base64') : data.length;
}

export type SizeVerdict = 'ok' | 'warn' | 'error';

export interface SizeLimits {
  warnBytes: number;
  errorBytes: number;
}

export const blobSizeLimits: Readonly<SizeLimits> = Object.freeze({
  warnBytes: blobSizeLimitWarnBytes,
  errorBytes: blobSizeLimitErrorBytes,
});

export const memoSizeLimits: Readonly<SizeLimits> = Object.freeze({
  warnBytes: memoSizeLimitWarnBytes,
  errorBytes: memoSizeLimitErrorBytes,
});

/** Over the warning limit is worth a log line; over the error limit is refused. Both are strict `>`. */
export function sizeVerdict(size: number, limits: SizeLimits = blobSizeLimits): SizeVerdict {
  if (size > limits.errorBytes) return 'error';
  if (size > limits.warnBytes) return 'warn';
  return 'ok';
}

/**
 * Refuse a request field over the blob limit (2 MB), as Temporal does: INVALID_ARGUMENT (its text is
 * "Blob data size exceeds limit."). Returns the verdict so the caller can log a warning.
 */
export function checkBlobSize(field: string, size: number): SizeVerdict {
  return checkSize(field, size, blobSizeLimits, 'blob size limit');
}

/** Same for a whole memo (Temporal: "Memo size exceeds limit."). */
export function checkMemoSize(field: string, size: number): SizeVerdict {
  return checkSize(field, size, memoSizeLimits, 'memo size limit');
}

function checkSize(field: string, size: number, limits: SizeLimits, limitName: string): SizeVerdict {
  const verdict = sizeVerdict(size, limits);
  if (verdict === 'error') {
    throw InvalidArgument.forField(
      field,
      `is ${size} bytes, over the ${limitName} of ${limits.errorBytes} bytes`,
    );
  }
  return verdict;
}
