import type { temporal } from '@kairos/proto';
import {
  searchAttributeValueSizeLimitBytes,
  searchAttributesNumberOfKeysLimit,
  searchAttributesTotalSizeLimitBytes,
} from './limits.ts';
import { payloadDataLength, searchAttributesSize } from './payload-limits.ts';

type IndexedFields = Record<string, temporal.api.common.v1.IPayload | null | undefined>;

/** A problem with a search attribute map; `field` is relative to the map (`indexedFields.<name>`). */
export interface SearchAttributesProblem {
  field: string;
  problem: string;
}

/** At most 100 attributes per request or command (`frontend.searchAttributesNumberOfKeysLimit`). */
export function searchAttributesCountProblem(
  indexedFields: IndexedFields | null | undefined,
): SearchAttributesProblem | undefined {
  const count = Object.keys(indexedFields ?? {}).length;
  if (count <= searchAttributesNumberOfKeysLimit) return undefined;
  return {
    field: 'indexedFields',
    problem: `has ${count} search attributes, over the limit of ${searchAttributesNumberOfKeysLimit}`,
  };
}

/**
 * Each value's data at most 2 KB and the whole encoded map at most 40 KB (Temporal's ValidateSize).
 * Commands apply it to the run's attributes merged with the upsert.
 */
export function searchAttributesSizeProblem(
  indexedFields: IndexedFields | null | undefined,
): SearchAttributesProblem | undefined {
  for (const [name, payload] of Object.entries(indexedFields ?? {})) {
    const size = payloadDataLength(payload);
    if (size > searchAttributeValueSizeLimitBytes) {
      return {
        field: `indexedFields.${name}`,
        problem: `value is ${size} bytes, over the limit of ${searchAttributeValueSizeLimitBytes} bytes`,
      };
    }
  }
  const total = searchAttributesSize({ indexedFields: withoutEmpty(indexedFields ?? {}) });
  if (total > searchAttributesTotalSizeLimitBytes) {
    return {
      field: 'indexedFields',
      problem: `total size is ${total} bytes, over the limit of ${searchAttributesTotalSizeLimitBytes} bytes`,
    };
  }
  return undefined;
}

function withoutEmpty(fields: IndexedFields): Record<string, temporal.api.common.v1.IPayload> {
  const result: Record<string, temporal.api.common.v1.IPayload> = {};
  for (const [name, payload] of Object.entries(fields)) if (payload) result[name] = payload;
  return result;
}
