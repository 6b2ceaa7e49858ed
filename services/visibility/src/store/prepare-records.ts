import { InvalidArgument } from '@kairos/errors';
import { normalizeRfc3339 } from '../query/datetime-value.ts';
import { PREDEFINED_SEARCH_ATTRIBUTES, SYSTEM_SEARCH_ATTRIBUTES } from '../query/index.ts';
import type { SearchAttributeValue, VisibilityRecord } from './visibility-store.ts';

// Normalises a batch before either store writes it, so both hold the same thing: one record per run
// (the highest version; a batch may carry several updates of a run, out of order), Datetime values
// in UTC, empty keyword lists dropped (a missing value is "key absent" in both back ends), and
// attribute names and types checked against the predefined ones.

export function prepareRecords(records: readonly VisibilityRecord[]): VisibilityRecord[] {
  const newest = new Map<string, VisibilityRecord>();
  for (const record of records) {
    const key = `${record.namespaceId}\u0000${record.runId}`;
    const held = newest.get(key);
    if (held === undefined || held.version < record.version) newest.set(key, record);
  }
  return [...newest.values()].map(prepareRecord);
}

function prepareRecord(record: VisibilityRecord): VisibilityRecord {
  for (const [field, value] of [
    ['namespaceId', record.namespaceId],
    ['workflowId', record.workflowId],
    ['runId', record.runId],
  ] as const) {
    if (value === '') throw InvalidArgument.forField(field, 'must not be empty');
  }
  if (record.version < 0n) throw InvalidArgument.forField('version', 'must not be negative');
  const searchAttributes: Record<string, SearchAttributeValue> = {};
  for (const [name, attribute] of Object.entries(record.searchAttributes)) {
    const prepared = prepareAttribute(name, attribute);
    if (prepared !== undefined) searchAttributes[name] = prepared;
  }
  return { ...record, searchAttributes };
}

function prepareAttribute(name: string, attribute: SearchAttributeValue): SearchAttributeValue | undefined {
  const field = `searchAttributes.${name}`;
  if (Object.hasOwn(SYSTEM_SEARCH_ATTRIBUTES, name)) {
    throw InvalidArgument.forField(field, 'is a system attribute, set from the record itself');
  }
  const predefined = Object.hasOwn(PREDEFINED_SEARCH_ATTRIBUTES, name)
    ? PREDEFINED_SEARCH_ATTRIBUTES[name]
    : undefined;
  if (predefined !== undefined && predefined !== attribute.type) {
    throw InvalidArgument.forField(field, `is a predefined ${predefined} attribute, got ${attribute.type}`);
  }
  switch (attribute.type) {
    case 'Datetime': {
      const normalized = normalizeRfc3339(attribute.value);
      if (normalized === undefined) {
        throw InvalidArgument.forField(field, `'${attribute.value}' is not an RFC 3339 datetime`);
      }
      return { type: 'Datetime', value: normalized };
    }
    case 'KeywordList':
      return attribute.value.length === 0 ? undefined : { type: 'KeywordList', value: [...attribute.value] };
    case 'Double':
      if (!Number.isFinite(attribute.value)) throw InvalidArgument.forField(field, 'must be a finite number');
      return attribute;
    default:
      return attribute;
  }
}
