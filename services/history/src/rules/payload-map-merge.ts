import type { temporal } from '@kairos/proto';

type Payload = temporal.api.common.v1.IPayload;

/**
 * A memo or search-attribute map after an upsert (Temporal's MergeMapOfPayload): upserted keys
 * replace current ones, and an upserted value with empty data (an SDK's `null`) or the JSON `[]`
 * removes the key. The inputs are not modified.
 */
export function mergePayloadMap(
  current: Record<string, Payload> | null | undefined,
  upserts: Record<string, Payload | null | undefined> | null | undefined,
): Record<string, Payload> {
  const merged: Record<string, Payload> = { ...(current ?? {}) };
  for (const [key, payload] of Object.entries(upserts ?? {})) {
    if (!payload || removesKey(payload)) delete merged[key];
    else merged[key] = payload;
  }
  return merged;
}

const emptyJsonList = '[]';

function removesKey(payload: Payload): boolean {
  const data = payload.data;
  if (!data || data.length === 0) return true;
  return data.length === emptyJsonList.length && Buffer.from(data).toString('utf8') === emptyJsonList;
}
