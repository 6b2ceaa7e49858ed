import { EXECUTION_STATUS_NAMES, type ExecutionStatusName } from '../query/index.ts';

// The message history publishes on `kairos.visibility` (key `<namespaceId>/<workflowId>`) whenever a
// run's visible state changes: started, search attributes or memo upserted, closed. The indexer turns
// it into a VisibilityRecord; custom search attributes are typed there, with the namespace's registry,
// because history keeps them as the SDK sent them (encoded payloads).

export const VISIBILITY_CHANGE_FORMAT = 1;

export interface VisibilityChange {
  format: typeof VISIBILITY_CHANGE_FORMAT;
  namespaceId: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  status: ExecutionStatusName;
  startTimeMs: number;
  executionTimeMs: number;
  /** Null while the run is open. */
  closeTimeMs: number | null;
  taskQueue: string;
  historyLength: number;
  historySizeBytes: number;
  stateTransitionCount: number;
  parentWorkflowId: string | null;
  parentRunId: string | null;
  rootWorkflowId: string | null;
  rootRunId: string | null;
  /** base64 of an encoded temporal.api.common.v1.Memo; null when the run has none. */
  memo: string | null;
  /** base64 of an encoded temporal.api.common.v1.SearchAttributes; null when the run has none. */
  searchAttributes: string | null;
  /** The execution's db_version after the write that produced this change (decimal string). */
  version: string;
  /** When history committed the change (epoch ms): indexing lag is measured from here. */
  changedAtMs: number;
}

/** Raised for a message no indexer can ever use: it goes to the dead-letter topic, never retried. */
export class PoisonVisibilityChange extends Error {}

export function encodeVisibilityChange(change: VisibilityChange): string {
  return JSON.stringify(change);
}

const stringFields = ['namespaceId', 'workflowId', 'runId', 'workflowType', 'taskQueue', 'version'] as const;
const numberFields = [
  'changedAtMs',
  'startTimeMs',
  'executionTimeMs',
  'historyLength',
  'historySizeBytes',
  'stateTransitionCount',
] as const;
const nullableStringFields = [
  'parentWorkflowId',
  'parentRunId',
  'rootWorkflowId',
  'rootRunId',
  'memo',
  'searchAttributes',
] as const;
const statuses: readonly string[] = EXECUTION_STATUS_NAMES;

/** Parses and checks a message off the bus; throws PoisonVisibilityChange naming the first bad field. */
export function decodeVisibilityChange(raw: Buffer | string): VisibilityChange {
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    throw new PoisonVisibilityChange(`visibility change is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) {
    throw new PoisonVisibilityChange('visibility change is not a JSON object');
  }
  const fields = value as Record<string, unknown>;
  const problem = (field: string, expected: string) =>
    new PoisonVisibilityChange(`visibility change field ${field}: expected ${expected}`);
  if (fields.format !== VISIBILITY_CHANGE_FORMAT) throw problem('format', String(VISIBILITY_CHANGE_FORMAT));
  for (const field of stringFields) {
    if (typeof fields[field] !== 'string' || fields[field] === '') throw problem(field, 'a non-empty string');
  }
  if (!/^\d+$/.test(fields.version as string)) throw problem('version', 'a decimal integer string');
  for (const field of numberFields) {
    if (!Number.isSafeInteger(fields[field]) || (fields[field] as number) < 0) {
      throw problem(field, 'a non-negative integer');
    }
  }
  if (fields.closeTimeMs !== null && !Number.isSafeInteger(fields.closeTimeMs)) {
    throw problem('closeTimeMs', 'an integer or null');
  }
  for (const field of nullableStringFields) {
    if (fields[field] !== null && typeof fields[field] !== 'string') throw problem(field, 'a string or null');
  }
  if (!statuses.includes(fields.status as string)) throw problem('status', statuses.join(' | '));
  return fields as unknown as VisibilityChange;
}
