import type { CustomSearchAttributes } from '../query/index.ts';
import type { SearchAttributeValue, VisibilityRecord } from './visibility-store.ts';

// Records the contract suite writes: six runs covering open/closed, parents, every custom type
// (with gaps, so IS NULL and negations have something to find), an int64 above 2^53 and a
// nanosecond datetime. Run ids are `run-<n>` so tie-breaks are predictable.

export const CUSTOM_ATTRIBUTES: CustomSearchAttributes = {
  CustomKeyword: 'Keyword',
  CustomText: 'Text',
  CustomInt: 'Int',
  CustomDouble: 'Double',
  CustomBool: 'Bool',
  CustomDatetime: 'Datetime',
  CustomList: 'KeywordList',
};

/** 2^53 + 1: a double would round it to 2^53. */
export const BIG_INT = 9_007_199_254_740_993n;

interface FixtureRow {
  n: number;
  type: string;
  status: VisibilityRecord['status'];
  start: string;
  close: string | null;
  parent: string | null;
  attributes: Record<string, SearchAttributeValue>;
}

const ROWS: FixtureRow[] = [
  {
    n: 1,
    type: 'order',
    status: 'Running',
    start: '2024-01-01T00:00:00Z',
    close: null,
    parent: null,
    attributes: {
      CustomKeyword: { type: 'Keyword', value: 'alpha' },
      CustomText: { type: 'Text', value: 'quick brown fox' },
      CustomInt: { type: 'Int', value: 5n },
      CustomDouble: { type: 'Double', value: 1.5 },
      CustomBool: { type: 'Bool', value: true },
      CustomDatetime: { type: 'Datetime', value: '2024-02-01T00:00:00Z' },
      CustomList: { type: 'KeywordList', value: ['x', 'y'] },
      BuildIds: { type: 'KeywordList', value: ['build-1'] },
    },
  },
  {
    n: 2,
    type: 'order',
    status: 'Completed',
    start: '2024-01-02T00:00:00Z',
    close: '2024-01-03T00:00:00Z',
    parent: null,
    attributes: {
      CustomKeyword: { type: 'Keyword', value: 'beta' },
      CustomText: { type: 'Text', value: 'lazy dog' },
      CustomInt: { type: 'Int', value: 10n },
      CustomDouble: { type: 'Double', value: 2.5 },
      CustomBool: { type: 'Bool', value: false },
      CustomDatetime: { type: 'Datetime', value: '2024-02-02T00:00:00Z' },
      CustomList: { type: 'KeywordList', value: ['y'] },
      BuildIds: { type: 'KeywordList', value: ['build-2'] },
    },
  },
  {
    n: 3,
    type: 'payment',
    status: 'Failed',
    start: '2024-01-03T00:00:00Z',
    close: '2024-01-05T00:00:00Z',
    parent: 'wf-1',
    // Empty lists are "no value".
    attributes: { CustomList: { type: 'KeywordList', value: [] } },
  },
  {
    n: 4,
    type: 'order-special',
    status: 'Running',
    start: '2024-01-04T00:00:00Z',
    close: null,
    parent: null,
    attributes: {
      CustomKeyword: { type: 'Keyword', value: 'gamma' },
      CustomText: { type: 'Text', value: 'brown bear' },
      CustomInt: { type: 'Int', value: -3n },
      CustomDouble: { type: 'Double', value: 0.25 },
      CustomBool: { type: 'Bool', value: true },
      // Stored normalised to UTC: 2023-12-31T23:00:00Z.
      CustomDatetime: { type: 'Datetime', value: '2024-01-01T01:00:00+02:00' },
      CustomList: { type: 'KeywordList', value: ['z'] },
    },
  },
  {
    n: 5,
    type: 'payment',
    status: 'Completed',
    start: '2024-01-05T00:00:00Z',
    close: '2024-01-06T00:00:00Z',
    parent: 'wf-2',
    attributes: {
      CustomKeyword: { type: 'Keyword', value: 'alpha2' },
      CustomInt: { type: 'Int', value: BIG_INT },
      CustomBool: { type: 'Bool', value: false },
    },
  },
  {
    n: 6,
    type: 'refund',
    status: 'TimedOut',
    start: '2024-01-06T00:00:00Z',
    close: '2024-01-08T00:00:00Z',
    parent: null,
    attributes: {
      CustomKeyword: { type: 'Keyword', value: 'delta' },
      CustomInt: { type: 'Int', value: 7n },
      CustomDouble: { type: 'Double', value: 10 },
      CustomDatetime: { type: 'Datetime', value: '2024-03-01T12:00:00.123456789Z' },
      CustomList: { type: 'KeywordList', value: ['x'] },
    },
  },
];

export function fixtureRecords(namespaceId: string): VisibilityRecord[] {
  return ROWS.map((row) => {
    const start = new Date(row.start);
    const close = row.close === null ? null : new Date(row.close);
    return {
      namespaceId,
      workflowId: `wf-${row.n}`,
      runId: `run-${row.n}`,
      workflowType: row.type,
      status: row.status,
      startTime: start,
      executionTime: start,
      closeTime: close,
      executionDuration: close === null ? null : BigInt(close.getTime() - start.getTime()) * 1_000_000n,
      taskQueue: row.n % 2 === 1 ? 'queue-a' : 'queue-b',
      historyLength: row.n * 10,
      historySizeBytes: row.n * 1000,
      stateTransitionCount: row.n * 3,
      parentWorkflowId: row.parent,
      parentRunId: row.parent === null ? null : row.parent.replace('wf-', 'run-'),
      rootWorkflowId: row.parent ?? `wf-${row.n}`,
      rootRunId: row.parent === null ? `run-${row.n}` : row.parent.replace('wf-', 'run-'),
      memo: Uint8Array.from([10, 3, row.n, 0, 255]),
      searchAttributes: row.attributes,
      version: 1n,
    };
  });
}

/** One open or closed run for paging tests; `minute` sets StartTime (ties are intended). */
export function pagingRecord(
  namespaceId: string,
  runId: string,
  minute: number,
  closed: boolean,
): VisibilityRecord {
  const start = new Date(Date.UTC(2024, 5, 1, 0, minute));
  const close = closed ? new Date(start.getTime() + ((minute * 7) % 60) * 60_000) : null;
  return {
    ...fixtureRecords(namespaceId)[0]!,
    workflowId: `paging-${runId}`,
    runId,
    status: closed ? 'Completed' : 'Running',
    startTime: start,
    executionTime: start,
    closeTime: close,
    executionDuration: close === null ? null : BigInt(close.getTime() - start.getTime()) * 1_000_000n,
    searchAttributes: { CustomInt: { type: 'Int', value: BigInt(minute % 13) } },
  };
}

// Expectations over fixtureRecords, for the contract suite.

const ALL = ['wf-1', 'wf-2', 'wf-3', 'wf-4', 'wf-5', 'wf-6'];
export const without = (...ids: number[]) => ALL.filter((id) => !ids.some((n) => id === `wf-${n}`));
const only = (...ids: number[]) => ids.map((n) => `wf-${n}`);

/** [filter, matching workflow ids] over fixtureRecords: each operator family on system and custom attributes. */
export const FILTERS: [string, string[]][] = [
  ["WorkflowId = 'wf-1'", only(1)],
  ["RunId = 'run-2'", only(2)],
  ["WorkflowType != 'order'", only(3, 4, 5, 6)],
  ["ExecutionStatus = 'Running'", only(1, 4)],
  ["TaskQueue = 'queue-b'", only(2, 4, 6)],
  ["StartTime < '2024-01-03T00:00:00Z'", only(1, 2)],
  ["StartTime <= '2024-01-03T00:00:00Z'", only(1, 2, 3)],
  ["StartTime > '2024-01-05T00:00:00Z'", only(6)],
  ["StartTime >= '2024-01-05T00:00:00Z'", only(5, 6)],
  ["CloseTime BETWEEN '2024-01-04T00:00:00Z' AND '2024-01-06T00:00:00Z'", only(3, 5)],
  ["CloseTime NOT BETWEEN '2024-01-04T00:00:00Z' AND '2024-01-06T00:00:00Z'", only(1, 2, 4, 6)],
  ["CloseTime != '2024-01-03T00:00:00Z'", without(2)],
  ['CloseTime IS NULL', only(1, 4)],
  ['CloseTime IS NOT NULL', only(2, 3, 5, 6)],
  ["ExecutionStatus IN ('Failed', 'TimedOut')", only(3, 6)],
  ["ExecutionStatus NOT IN ('Running', 'Completed')", only(3, 6)],
  ["WorkflowType STARTS_WITH 'order'", only(1, 2, 4)],
  ["WorkflowType NOT STARTS_WITH 'order'", only(3, 5, 6)],
  ['ParentWorkflowId IS NOT NULL', only(3, 5)],
  ["ParentWorkflowId != 'wf-1'", without(3)],
  ["ExecutionDuration > '36h'", only(3, 6)],
  ['HistoryLength >= 40', only(4, 5, 6)],
  ["CustomKeyword = 'alpha'", only(1)],
  ["CustomKeyword != 'alpha'", without(1)],
  ["CustomKeyword > 'beta'", only(4, 6)],
  ["CustomKeyword <= 'alpha2'", only(1, 5)],
  ["CustomKeyword BETWEEN 'b' AND 'e'", only(2, 6)],
  ["CustomKeyword STARTS_WITH 'alpha'", only(1, 5)],
  ["CustomKeyword NOT STARTS_WITH 'alpha'", without(1, 5)],
  ["CustomKeyword IN ('beta', 'delta', 'none')", only(2, 6)],
  ["CustomKeyword NOT IN ('beta', 'delta')", only(1, 3, 4, 5)],
  ['CustomKeyword IS NULL', only(3)],
  ["CustomText = 'brown'", only(1, 4)],
  ["CustomText = 'dog cat'", only(2)],
  ["CustomText != 'brown'", without(1, 4)],
  ['CustomText IS NOT NULL', only(1, 2, 4)],
  ['CustomInt = 5', only(1)],
  ['CustomInt != 5', without(1)],
  ['CustomInt > 5', only(2, 5, 6)],
  ['CustomInt < 0', only(4)],
  ['CustomInt = 9007199254740993', only(5)],
  ['CustomInt = 9007199254740992', []],
  ['CustomInt >= 9007199254740993', only(5)],
  ['CustomInt BETWEEN 5 AND 7', only(1, 6)],
  ['CustomInt NOT BETWEEN 5 AND 7', only(2, 3, 4, 5)],
  ['CustomInt IN (5, 10)', only(1, 2)],
  ['CustomInt NOT IN (5, 10)', only(3, 4, 5, 6)],
  ['CustomDouble > 2', only(2, 6)],
  ['CustomDouble <= 1.5', only(1, 4)],
  ['CustomDouble = 10', only(6)],
  ['CustomDouble BETWEEN 0.2 AND 2', only(1, 4)],
  ['CustomBool = true', only(1, 4)],
  ['CustomBool = false', only(2, 5)],
  ['CustomBool != true', only(2, 3, 5, 6)],
  ['CustomBool IN (false)', only(2, 5)],
  ['CustomBool IS NULL', only(3, 6)],
  ["CustomDatetime > '2024-01-15T00:00:00Z'", only(1, 2, 6)],
  ["CustomDatetime <= '2024-01-01T01:00:00+02:00'", only(4)],
  ["CustomDatetime < '2024-01-01T01:00:00+02:00'", []],
  ["CustomDatetime = '2024-02-01T00:00:00Z'", only(1)],
  ["CustomDatetime BETWEEN '2024-02-01T00:00:00Z' AND '2024-02-02T00:00:00Z'", only(1, 2)],
  ["CustomDatetime >= '2024-03-01T12:00:00.123Z'", only(6)],
  ["CustomList = 'y'", only(1, 2)],
  ["CustomList != 'y'", only(3, 4, 5, 6)],
  ["CustomList IN ('x', 'z')", only(1, 4, 6)],
  ["CustomList NOT IN ('x')", only(2, 3, 4, 5)],
  ['CustomList IS NULL', only(3, 5)],
  ["BuildIds = 'build-1'", only(1)],
  ["(CustomInt > 5 OR CustomBool = true) AND WorkflowType = 'order'", only(1, 2)],
  ["NOT (ExecutionStatus = 'Running' OR CustomInt > 6)", only(3)],
  ["NOT CustomKeyword = 'alpha' AND CustomInt IS NOT NULL", only(2, 4, 5, 6)],
  ["WorkflowType = 'order' OR (ExecutionStatus = 'Completed' AND CustomBool = false)", only(1, 2, 5)],
];

/** [filter, workflow ids in the order the store must return them]. */
export const ORDERS: [string, string[]][] = [
  ['', only(4, 1, 6, 5, 3, 2)],
  ['ORDER BY StartTime', only(1, 2, 3, 4, 5, 6)],
  ['ORDER BY CustomInt DESC', only(5, 2, 6, 1, 4, 3)],
  ['ORDER BY CustomKeyword', only(1, 5, 2, 6, 4, 3)],
  ['ORDER BY CustomDatetime DESC', only(6, 2, 1, 4, 3, 5)],
  ['ORDER BY CustomDouble, StartTime DESC', only(4, 1, 2, 6, 5, 3)],
  ['ORDER BY CustomBool DESC, WorkflowId', only(1, 4, 2, 5, 3, 6)],
  ["ExecutionStatus = 'Completed' ORDER BY CloseTime DESC", only(5, 2)],
];
