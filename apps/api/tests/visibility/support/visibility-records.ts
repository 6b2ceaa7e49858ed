import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import type { SearchAttributeValue, VisibilityRecord } from '@kairos/visibility';

/** A visibility record as the indexer would write it, with the fields a test does not care about filled. */
export function visibilityRecord(
  fields: Pick<VisibilityRecord, 'namespaceId' | 'workflowId' | 'workflowType' | 'status' | 'startTime'> &
    Partial<Omit<VisibilityRecord, 'memo'>> & { memo?: Record<string, unknown> },
): VisibilityRecord {
  const closeTime = fields.closeTime ?? null;
  return {
    runId: randomUUID(),
    executionTime: fields.startTime,
    closeTime,
    executionDuration:
      closeTime === null ? null : BigInt(closeTime.getTime() - fields.startTime.getTime()) * 1_000_000n,
    taskQueue: 'visibility-test',
    historyLength: closeTime === null ? 2 : 5,
    historySizeBytes: 400,
    stateTransitionCount: 3,
    parentWorkflowId: null,
    parentRunId: null,
    rootWorkflowId: null,
    rootRunId: null,
    searchAttributes: {},
    version: 1n,
    ...fields,
    memo: encodeMemo(fields.memo ?? {}),
  };
}

/** A memo as the SDK's default converter writes it (json/plain payloads). */
function encodeMemo(fields: Record<string, unknown>): Uint8Array {
  const memo = temporal.api.common.v1.Memo.create({
    fields: Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [
        name,
        {
          metadata: { encoding: Buffer.from('json/plain') },
          data: Buffer.from(JSON.stringify(value)),
        },
      ]),
    ),
  });
  return temporal.api.common.v1.Memo.encode(memo).finish();
}

export const keyword = (value: string): SearchAttributeValue => ({ type: 'Keyword', value });
export const int = (value: bigint): SearchAttributeValue => ({ type: 'Int', value });
export const datetime = (value: string): SearchAttributeValue => ({ type: 'Datetime', value });
export const keywordList = (value: string[]): SearchAttributeValue => ({ type: 'KeywordList', value });
