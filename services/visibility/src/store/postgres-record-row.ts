import type { ExecutionStatusName, SearchAttributeType } from '../query/index.ts';
import type { SearchAttributeValue, VisibilityRecord } from './visibility-store.ts';

// How a VisibilityRecord maps to a `visibility_records` row (packages/db/prisma/schema.prisma,
// model VisibilityRecord; the query side's view of it is src/query/sql-layout.ts). int64 values
// travel as text both ways so none loses precision in a JS number.

/** Insert order; `toRowValues` returns values in this order. */
export const WRITE_COLUMNS = [
  'namespace_id',
  'run_id',
  'workflow_id',
  'workflow_type',
  'status',
  'start_time',
  'execution_time',
  'close_time',
  'execution_duration',
  'task_queue',
  'history_length',
  'history_size_bytes',
  'state_transition_count',
  'parent_workflow_id',
  'parent_run_id',
  'root_workflow_id',
  'root_run_id',
  'memo',
  'search_attributes',
  'search_attribute_types',
  'version',
] as const;

/** What list selects. Numbers inside search_attributes come back as JSON strings (exact int64). */
export const READ_COLUMNS = `namespace_id, run_id, workflow_id, workflow_type, status, start_time, execution_time,
  close_time, execution_duration::text AS execution_duration, task_queue, history_length::text AS history_length,
  history_size_bytes::text AS history_size_bytes, state_transition_count::text AS state_transition_count,
  parent_workflow_id, parent_run_id, root_workflow_id, root_run_id, memo, search_attribute_types,
  version::text AS version,
  (SELECT coalesce(jsonb_object_agg(entry.key, CASE WHEN jsonb_typeof(entry.value) = 'number'
     THEN to_jsonb(entry.value #>> '{}') ELSE entry.value END), '{}'::jsonb)
   FROM jsonb_each(search_attributes) AS entry) AS search_attributes`;

export interface RecordRow {
  namespace_id: string;
  run_id: string;
  workflow_id: string;
  workflow_type: string;
  status: string;
  start_time: Date;
  execution_time: Date;
  close_time: Date | null;
  execution_duration: string | null;
  task_queue: string;
  history_length: string | null;
  history_size_bytes: string | null;
  state_transition_count: string | null;
  parent_workflow_id: string | null;
  parent_run_id: string | null;
  root_workflow_id: string | null;
  root_run_id: string | null;
  memo: Buffer | null;
  search_attribute_types: Record<string, SearchAttributeType>;
  search_attributes: Record<string, unknown>;
  version: string;
}

export function toRowValues(record: VisibilityRecord): unknown[] {
  const attributes = Object.entries(record.searchAttributes);
  return [
    record.namespaceId,
    record.runId,
    record.workflowId,
    record.workflowType,
    record.status,
    record.startTime,
    record.executionTime,
    record.closeTime,
    record.executionDuration?.toString() ?? null,
    record.taskQueue,
    record.historyLength,
    record.historySizeBytes,
    record.stateTransitionCount,
    record.parentWorkflowId,
    record.parentRunId,
    record.rootWorkflowId,
    record.rootRunId,
    Buffer.from(record.memo),
    // Hand-written JSON: Int values are int64 and JSON.stringify cannot write a bigint exactly.
    `{${attributes.map(([name, value]) => `${JSON.stringify(name)}:${jsonValue(value)}`).join(',')}}`,
    JSON.stringify(Object.fromEntries(attributes.map(([name, value]) => [name, value.type]))),
    record.version.toString(),
  ];
}

function jsonValue(attribute: SearchAttributeValue): string {
  return attribute.type === 'Int' ? attribute.value.toString() : JSON.stringify(attribute.value);
}

export function fromRow(row: RecordRow): VisibilityRecord {
  const searchAttributes: Record<string, SearchAttributeValue> = {};
  for (const [name, type] of Object.entries(row.search_attribute_types)) {
    const value = row.search_attributes[name];
    if (value !== undefined) searchAttributes[name] = typedValue(type, value);
  }
  return {
    namespaceId: row.namespace_id,
    workflowId: row.workflow_id,
    runId: row.run_id,
    workflowType: row.workflow_type,
    status: row.status as ExecutionStatusName,
    startTime: row.start_time,
    executionTime: row.execution_time,
    closeTime: row.close_time,
    executionDuration: row.execution_duration === null ? null : BigInt(row.execution_duration),
    taskQueue: row.task_queue,
    historyLength: Number(row.history_length ?? 0),
    historySizeBytes: Number(row.history_size_bytes ?? 0),
    stateTransitionCount: Number(row.state_transition_count ?? 0),
    parentWorkflowId: row.parent_workflow_id,
    parentRunId: row.parent_run_id,
    rootWorkflowId: row.root_workflow_id,
    rootRunId: row.root_run_id,
    memo: new Uint8Array(row.memo ?? []),
    searchAttributes,
    version: BigInt(row.version),
  };
}

function typedValue(type: SearchAttributeType, value: unknown): SearchAttributeValue {
  switch (type) {
    case 'Int':
      return { type, value: BigInt(String(value)) };
    case 'Double':
      return { type, value: Number(value) };
    case 'Bool':
      return { type, value: value === true };
    case 'KeywordList':
      return { type, value: (value as unknown[]).map(String) };
    default:
      return { type, value: String(value) };
  }
}
