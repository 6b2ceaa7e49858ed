import { temporal } from '@kairos/proto';
import { pascalCase } from './command-outcome.ts';

type Payload = temporal.api.common.v1.IPayload;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
export type IndexedValueType = temporal.api.enums.v1.IndexedValueType;

/**
 * What a namespace knows about a search attribute name: its type, `system` for the server's own
 * attributes (WorkflowId, ExecutionStatus, ...) which users may not set, or undefined when the name
 * is not registered.
 */
export type SearchAttributeLookup = (name: string) => IndexedValueType | 'system' | undefined;

/**
 * What is wrong with one search attribute a user writes, as Temporal's validator sees it, or
 * undefined. Values are SDK payloads: `binary/null` (unset the attribute) or `json/plain`. A scalar
 * type also takes a JSON list of at most one element (the SQL visibility stores' rule; a longer list
 * is refused); KeywordList takes a list of strings. Datetimes are RFC 3339 strings.
 */
export function searchAttributeProblem(
  name: string,
  payload: Payload | null | undefined,
  lookup: SearchAttributeLookup,
): string | undefined {
  const type = lookup(name);
  if (type === 'system') return `${name} is a system search attribute and cannot be set`;
  if (type === undefined) return `search attribute ${name} is not defined`;
  const decoded = decodePayload(payload);
  if (!decoded.ok)
    return `invalid value for search attribute ${name} of type ${typeName(type)}: ${decoded.problem}`;
  if (decoded.value === null) return undefined;
  return valueFits(decoded.value, type)
    ? undefined
    : `invalid value for search attribute ${name} of type ${typeName(type)}`;
}

type Decoded = { ok: true; value: unknown } | { ok: false; problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodePayload(payload: Payload | null | undefined): Decoded {
  const encoding = payload?.metadata?.['encoding'];
  const encodingName = encoding ? Buffer.from(encoding).toString('utf8') : '';
  if (encodingName === 'binary/null') return { ok: true, value: null };
  if (encodingName !== 'json/plain')
    return { ok: false, problem: `unsupported encoding ${JSON.stringify(encodingName)}` };
  try {
    return { ok: true, value: JSON.parse(utf8.decode(payload?.data ?? new Uint8Array())) as unknown };
  } catch {
    return { ok: false, problem: 'not valid UTF-8 JSON' };
  }
}

function valueFits(value: unknown, type: IndexedValueType): boolean {
  if (type === IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST) {
    return Array.isArray(value) && value.every((item) => typeof item === 'string' || item === null);
  }
  if (Array.isArray(value)) return value.length === 0 || (value.length === 1 && scalarFits(value[0], type));
  return scalarFits(value, type);
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function scalarFits(value: unknown, type: IndexedValueType): boolean {
  switch (type) {
    case IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD:
    case IndexedValueType.INDEXED_VALUE_TYPE_TEXT:
      return typeof value === 'string';
    case IndexedValueType.INDEXED_VALUE_TYPE_INT:
      return typeof value === 'number' && Number.isInteger(value);
    case IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE:
      return typeof value === 'number';
    case IndexedValueType.INDEXED_VALUE_TYPE_BOOL:
      return typeof value === 'boolean';
    case IndexedValueType.INDEXED_VALUE_TYPE_DATETIME:
      return typeof value === 'string' && rfc3339.test(value) && !Number.isNaN(Date.parse(value));
    default:
      return false;
  }
}

/** `INDEXED_VALUE_TYPE_KEYWORD_LIST` → `KeywordList`, as Temporal names types in its messages. */
function typeName(type: IndexedValueType): string {
  const name = IndexedValueType[type] as string | undefined;
  return name === undefined ? String(type) : pascalCase(name.replace(/^INDEXED_VALUE_TYPE_/, ''));
}
