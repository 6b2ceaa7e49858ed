import { temporal } from '@kairos/proto';
import {
  PREDEFINED_SEARCH_ATTRIBUTES,
  SYSTEM_SEARCH_ATTRIBUTES,
  type CustomSearchAttributes,
  type SearchAttributeType,
} from '../query/index.ts';
import type { SearchAttributeValue, VisibilityRecord } from '../store/visibility-store.ts';
import { typeSearchAttribute } from './type-search-attribute.ts';
import { PoisonVisibilityChange, type VisibilityChange } from './visibility-change.ts';

// A change off the bus → the record a store indexes. Pure: the namespace's registry is passed in.
// Search attributes are typed here, not in history, because history keeps them as the SDK sent them.
// One attribute that cannot be indexed is left out (and reported); the record itself always goes on.

export interface DroppedAttribute {
  name: string;
  /** `unregistered`: neither predefined nor registered (any more) in the namespace; a debug matter. */
  reason: 'unregistered' | 'invalid';
  problem: string;
}

export interface ConvertedChange {
  record: VisibilityRecord;
  dropped: DroppedAttribute[];
}

const NANOS_PER_MILLISECOND = 1_000_000n;
const JSON_ENCODING = 'json/plain';
const NULL_ENCODING = 'binary/null';

export function toVisibilityRecord(
  change: VisibilityChange,
  custom: CustomSearchAttributes,
): ConvertedChange {
  const { searchAttributes, dropped } = typeSearchAttributes(change.searchAttributes, custom);
  const record: VisibilityRecord = {
    namespaceId: change.namespaceId,
    workflowId: change.workflowId,
    runId: change.runId,
    workflowType: change.workflowType,
    status: change.status,
    startTime: new Date(change.startTimeMs),
    executionTime: new Date(change.executionTimeMs),
    closeTime: change.closeTimeMs === null ? null : new Date(change.closeTimeMs),
    // Temporal's ExecutionDuration runs from ExecutionTime (after a cron or start delay), not StartTime;
    // a run closed before its delayed execution time (terminated) has lasted nothing.
    executionDuration:
      change.closeTimeMs === null
        ? null
        : BigInt(Math.max(0, change.closeTimeMs - change.executionTimeMs)) * NANOS_PER_MILLISECOND,
    taskQueue: change.taskQueue,
    historyLength: change.historyLength,
    historySizeBytes: change.historySizeBytes,
    stateTransitionCount: change.stateTransitionCount,
    parentWorkflowId: change.parentWorkflowId,
    parentRunId: change.parentRunId,
    rootWorkflowId: change.rootWorkflowId,
    rootRunId: change.rootRunId,
    memo: change.memo === null ? new Uint8Array() : new Uint8Array(Buffer.from(change.memo, 'base64')),
    searchAttributes,
    version: BigInt(change.version),
  };
  return { record, dropped };
}

function typeSearchAttributes(
  encoded: string | null,
  custom: CustomSearchAttributes,
): { searchAttributes: Record<string, SearchAttributeValue>; dropped: DroppedAttribute[] } {
  const searchAttributes: Record<string, SearchAttributeValue> = {};
  const dropped: DroppedAttribute[] = [];
  if (encoded === null) return { searchAttributes, dropped };
  let fields: Record<string, temporal.api.common.v1.IPayload>;
  try {
    fields = temporal.api.common.v1.SearchAttributes.decode(Buffer.from(encoded, 'base64')).indexedFields;
  } catch (error) {
    // Not something a retry or another indexer could read: history wrote a broken message.
    throw new PoisonVisibilityChange(
      `visibility change field searchAttributes: not an encoded SearchAttributes (${(error as Error).message})`,
    );
  }
  for (const [name, payload] of Object.entries(fields)) {
    const type = attributeType(name, custom);
    if (type === undefined) {
      const problem = Object.hasOwn(SYSTEM_SEARCH_ATTRIBUTES, name)
        ? 'is a system attribute, set from the record itself'
        : 'is not registered in the namespace';
      dropped.push({ name, reason: 'unregistered', problem });
      continue;
    }
    const typed = typePayload(type, payload);
    if (typed.kind === 'value') searchAttributes[name] = typed.value;
    else if (typed.kind === 'invalid') dropped.push({ name, reason: 'invalid', problem: typed.problem });
  }
  return { searchAttributes, dropped };
}

/** Custom attributes by the namespace's registry; predefined ones by Temporal's table. */
function attributeType(name: string, custom: CustomSearchAttributes): SearchAttributeType | undefined {
  if (Object.hasOwn(SYSTEM_SEARCH_ATTRIBUTES, name)) return undefined;
  if (Object.hasOwn(custom, name)) return custom[name];
  if (Object.hasOwn(PREDEFINED_SEARCH_ATTRIBUTES, name)) return PREDEFINED_SEARCH_ATTRIBUTES[name];
  return undefined;
}

function typePayload(type: SearchAttributeType, payload: temporal.api.common.v1.IPayload) {
  const encodingBytes = payload.metadata?.encoding;
  const encoding = encodingBytes ? Buffer.from(encodingBytes).toString('utf8') : undefined;
  const data = payload.data ? Buffer.from(payload.data).toString('utf8') : '';
  // An unset attribute (typed SDK APIs send a null payload to remove one).
  if (encoding === NULL_ENCODING || (data === '' && encoding !== JSON_ENCODING)) {
    return { kind: 'absent' } as const;
  }
  if (encoding !== undefined && encoding !== JSON_ENCODING) {
    return { kind: 'invalid', problem: `has encoding '${encoding}', expected ${JSON_ENCODING}` } as const;
  }
  return typeSearchAttribute(type, data);
}
