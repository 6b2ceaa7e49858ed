import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@kairos/proto';

/** The values in a history event's payloads, decoded as the SDK's default converter encoded them. */
export function decodePayloads(payloads: temporal.api.common.v1.IPayloads | null | undefined): unknown[] {
  return (payloads?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload));
}
