import {
  PREDEFINED_SEARCH_ATTRIBUTES,
  SEARCH_ATTRIBUTE_TYPES,
  type ExecutionStatusName,
  type SearchAttributeType,
} from '../query/index.ts';
import { CUSTOM_FIELD, MEMO_FIELD, NAMESPACE_ID_FIELD, VERSION_FIELD } from './opensearch-index-layout.ts';
import type { SearchAttributeValue, VisibilityRecord } from './visibility-store.ts';

// A VisibilityRecord as an OpenSearch document and back (layout in opensearch-index-layout.ts).
// Missing values are left out (never null), so `exists` is IS NOT NULL. int64 values are bigints;
// the client is created with long-numeral support so they travel exactly both ways.

export type DocumentValue = string | number | bigint | boolean | string[] | Record<string, unknown>;
export type VisibilityDocument = Record<string, DocumentValue>;

/** Unique across namespaces: _id uniqueness holds per shard, and routing spreads namespaces over shards. */
export function documentId(namespaceId: string, runId: string): string {
  return `${namespaceId}/${runId}`;
}

export function toDocument(record: VisibilityRecord): VisibilityDocument {
  const document: VisibilityDocument = {
    [NAMESPACE_ID_FIELD]: record.namespaceId,
    WorkflowId: record.workflowId,
    RunId: record.runId,
    WorkflowType: record.workflowType,
    ExecutionStatus: record.status,
    StartTime: record.startTime.toISOString(),
    ExecutionTime: record.executionTime.toISOString(),
    TaskQueue: record.taskQueue,
    HistoryLength: record.historyLength,
    HistorySizeBytes: record.historySizeBytes,
    StateTransitionCount: record.stateTransitionCount,
    [MEMO_FIELD]: Buffer.from(record.memo).toString('base64'),
    [VERSION_FIELD]: record.version,
  };
  const optional: [string, DocumentValue | null][] = [
    ['CloseTime', record.closeTime?.toISOString() ?? null],
    ['ExecutionDuration', record.executionDuration],
    ['ParentWorkflowId', record.parentWorkflowId],
    ['ParentRunId', record.parentRunId],
    ['RootWorkflowId', record.rootWorkflowId],
    ['RootRunId', record.rootRunId],
  ];
  for (const [field, value] of optional) if (value !== null) document[field] = value;
  const custom: Partial<Record<SearchAttributeType, Record<string, DocumentValue>>> = {};
  for (const [name, attribute] of Object.entries(record.searchAttributes)) {
    if (Object.hasOwn(PREDEFINED_SEARCH_ATTRIBUTES, name)) {
      document[name] = attribute.value;
    } else {
      (custom[attribute.type] ??= {})[name] = attribute.value;
    }
  }
  if (Object.keys(custom).length > 0) document[CUSTOM_FIELD] = custom;
  return document;
}

export function fromDocument(source: Record<string, unknown>): VisibilityRecord {
  const text = (field: string): string => String(source[field]);
  const optionalText = (field: string): string | null =>
    source[field] === undefined || source[field] === null ? null : String(source[field]);
  const searchAttributes: Record<string, SearchAttributeValue> = {};
  for (const [name, type] of Object.entries(PREDEFINED_SEARCH_ATTRIBUTES)) {
    if (source[name] !== undefined) searchAttributes[name] = typedValue(type, source[name]);
  }
  const custom = (source[CUSTOM_FIELD] ?? {}) as Record<string, Record<string, unknown>>;
  for (const type of SEARCH_ATTRIBUTE_TYPES) {
    for (const [name, value] of Object.entries(custom[type] ?? {})) {
      searchAttributes[name] = typedValue(type, value);
    }
  }
  const closeTime = optionalText('CloseTime');
  const duration = source.ExecutionDuration;
  return {
    namespaceId: text(NAMESPACE_ID_FIELD),
    workflowId: text('WorkflowId'),
    runId: text('RunId'),
    workflowType: text('WorkflowType'),
    status: text('ExecutionStatus') as ExecutionStatusName,
    startTime: new Date(text('StartTime')),
    executionTime: new Date(text('ExecutionTime')),
    closeTime: closeTime === null ? null : new Date(closeTime),
    executionDuration: duration === undefined ? null : BigInt(duration as number | bigint),
    taskQueue: text('TaskQueue'),
    historyLength: Number(source.HistoryLength ?? 0),
    historySizeBytes: Number(source.HistorySizeBytes ?? 0),
    stateTransitionCount: Number(source.StateTransitionCount ?? 0),
    parentWorkflowId: optionalText('ParentWorkflowId'),
    parentRunId: optionalText('ParentRunId'),
    rootWorkflowId: optionalText('RootWorkflowId'),
    rootRunId: optionalText('RootRunId'),
    memo: new Uint8Array(Buffer.from(text(MEMO_FIELD), 'base64')),
    searchAttributes,
    version: BigInt(source[VERSION_FIELD] as number | bigint),
  };
}

function typedValue(type: SearchAttributeType, value: unknown): SearchAttributeValue {
  switch (type) {
    case 'Int':
      return { type, value: BigInt(value as number | bigint) };
    case 'Double':
      return { type, value: Number(value) };
    case 'Bool':
      return { type, value: value === true };
    case 'KeywordList':
      // A one-element list may come back as a bare string if a writer sent one; normalise.
      return { type, value: (Array.isArray(value) ? value : [value]).map(String) };
    default:
      return { type, value: String(value) };
  }
}
