import { normalizeRfc3339 } from '../query/datetime-value.ts';
import type { SearchAttributeType } from '../query/index.ts';
import type { SearchAttributeValue } from '../store/visibility-store.ts';

// One search attribute value as an SDK sent it (a JSON payload) typed as its attribute's type. Old
// SDK APIs send every value as an array (`{ CustomerId: ['a'] }`), the typed APIs send scalars: both
// are accepted. An unset attribute (a null payload, an empty array) is "absent". What does not fit
// the type is reported as a problem, so the caller drops that value alone and keeps the record.

export type TypedAttribute =
  { kind: 'value'; value: SearchAttributeValue } | { kind: 'absent' } | { kind: 'invalid'; problem: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * date_nanos, which the OpenSearch store maps Datetime to (as Temporal's Elasticsearch schema does),
 * holds 1970-01-01 to 2262-04-11. Both stores get the same range, so a run indexes the same in each
 * and one out-of-range value never makes OpenSearch refuse the whole record.
 */
const EARLIEST_DATETIME = '1970-01-01T00:00:00';
const LATEST_DATETIME = '2262-04-11T23:47:16';

/** An integer literal, alone or as the only element of an array (exact beyond 2^53). */
const INTEGER_TEXT = /^\s*(?:\[\s*)?(-?\d+)(?:\s*\])?\s*$/;

export function typeSearchAttribute(type: SearchAttributeType, json: string): TypedAttribute {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return invalid('is not JSON');
  }
  if (parsed === null) return { kind: 'absent' };
  if (type === 'KeywordList') return typeKeywordList(parsed);
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return { kind: 'absent' };
    if (parsed.length > 1) return invalid(`holds ${parsed.length} values; a ${type} attribute takes one`);
    parsed = parsed[0];
    if (parsed === null) return { kind: 'absent' };
  }
  switch (type) {
    case 'Keyword':
    case 'Text':
      return typeof parsed === 'string' ? typed({ type, value: parsed }) : mismatch(type, parsed);
    case 'Bool':
      return typeof parsed === 'boolean' ? typed({ type, value: parsed }) : mismatch(type, parsed);
    case 'Double':
      return typeof parsed === 'number' && Number.isFinite(parsed)
        ? typed({ type, value: parsed })
        : mismatch(type, parsed);
    case 'Int':
      return typeInt(json, parsed);
    case 'Datetime':
      return typeDatetime(parsed);
  }
}

function typeInt(json: string, parsed: unknown): TypedAttribute {
  if (typeof parsed !== 'number') return mismatch('Int', parsed);
  // JSON.parse rounds past 2^53; the literal itself is exact.
  const literal = INTEGER_TEXT.exec(json)?.[1];
  let value: bigint;
  if (literal !== undefined) value = BigInt(literal);
  else if (Number.isSafeInteger(parsed)) value = BigInt(parsed);
  else return invalid(`${String(parsed)} is not an integer`);
  if (value < INT64_MIN || value > INT64_MAX) return invalid(`${value} does not fit in int64`);
  return typed({ type: 'Int', value });
}

function typeDatetime(parsed: unknown): TypedAttribute {
  if (typeof parsed !== 'string') return mismatch('Datetime', parsed);
  const normalized = normalizeRfc3339(parsed);
  if (normalized === undefined) return invalid(`'${parsed}' is not an RFC 3339 datetime`);
  const seconds = normalized.slice(0, EARLIEST_DATETIME.length);
  if (seconds < EARLIEST_DATETIME || seconds >= LATEST_DATETIME) {
    return invalid(`'${parsed}' is outside the indexable range 1970-01-01 to 2262-04-11`);
  }
  return typed({ type: 'Datetime', value: normalized });
}

function typeKeywordList(parsed: unknown): TypedAttribute {
  const values = Array.isArray(parsed) ? parsed : [parsed];
  if (!values.every((value): value is string => typeof value === 'string')) {
    return invalid('a KeywordList attribute takes strings');
  }
  return values.length === 0 ? { kind: 'absent' } : typed({ type: 'KeywordList', value: values });
}

function typed(value: SearchAttributeValue): TypedAttribute {
  return { kind: 'value', value };
}

function invalid(problem: string): TypedAttribute {
  return { kind: 'invalid', problem };
}

function mismatch(type: SearchAttributeType, value: unknown): TypedAttribute {
  const shown = JSON.stringify(value);
  const text = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return invalid(`${text} is not ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} value`);
}
