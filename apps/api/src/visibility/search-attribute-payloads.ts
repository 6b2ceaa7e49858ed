import { temporal } from '@kairos/proto';
import type { SearchAttributeValue } from '@kairos/visibility';

type Payload = temporal.api.common.v1.IPayload;

const encoder = new TextEncoder();
const JSON_PLAIN = encoder.encode('json/plain');

/**
 * One search attribute value as Temporal's frontend returns it: a `json/plain` payload whose `type`
 * metadata names the attribute type (`Keyword`, `KeywordList`, `Datetime`, …), which is what the SDKs'
 * typed search attribute decoders read. Int stays exact past 2^53 (its JSON number is written from
 * the bigint's digits); Datetime is its RFC 3339 string.
 */
export function searchAttributePayload(attribute: SearchAttributeValue): Payload {
  return jsonPayload(jsonOf(attribute), attribute.type);
}

/** A `json/plain` payload of already-serialised JSON, typed for SDK decoders. */
export function jsonPayload(json: string, type: SearchAttributeValue['type']): Payload {
  return {
    metadata: { encoding: JSON_PLAIN, type: encoder.encode(type) },
    data: encoder.encode(json),
  };
}

export function searchAttributesMessage(
  attributes: Readonly<Record<string, SearchAttributeValue>>,
): temporal.api.common.v1.ISearchAttributes | null {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return null;
  return {
    indexedFields: Object.fromEntries(entries.map(([name, value]) => [name, searchAttributePayload(value)])),
  };
}

function jsonOf(attribute: SearchAttributeValue): string {
  switch (attribute.type) {
    case 'Int':
      return attribute.value.toString();
    case 'Double':
      // JSON has no NaN or infinities; a store cannot hold them either, but stay well-formed.
      return Number.isFinite(attribute.value) ? JSON.stringify(attribute.value) : 'null';
    default:
      return JSON.stringify(attribute.value);
  }
}
