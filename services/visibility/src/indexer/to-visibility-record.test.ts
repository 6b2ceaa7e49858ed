import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { toVisibilityRecord } from './to-visibility-record.ts';
import { PoisonVisibilityChange, type VisibilityChange } from './visibility-change.ts';

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});

function encodeAttributes(fields: Record<string, temporal.api.common.v1.IPayload>): string {
  const bytes = temporal.api.common.v1.SearchAttributes.encode({ indexedFields: fields }).finish();
  return Buffer.from(bytes).toString('base64');
}

function change(overrides: Partial<VisibilityChange> = {}): VisibilityChange {
  return {
    format: 1,
    namespaceId: 'ns-1',
    workflowId: 'order-1',
    runId: 'run-1',
    workflowType: 'processOrder',
    status: 'Running',
    startTimeMs: Date.parse('2026-11-23T10:00:00Z'),
    executionTimeMs: Date.parse('2026-11-23T10:00:05Z'),
    closeTimeMs: null,
    taskQueue: 'orders',
    historyLength: 2,
    historySizeBytes: 512,
    stateTransitionCount: 1,
    parentWorkflowId: null,
    parentRunId: null,
    rootWorkflowId: 'order-1',
    rootRunId: 'run-1',
    memo: null,
    searchAttributes: null,
    version: '3',
    changedAtMs: Date.parse('2026-11-23T10:00:00Z'),
    ...overrides,
  };
}

describe('toVisibilityRecord', () => {
  it('copies the system fields; an open run has no close time and no duration', () => {
    const { record, dropped } = toVisibilityRecord(change(), {});
    expect(record).toMatchObject({
      namespaceId: 'ns-1',
      workflowId: 'order-1',
      runId: 'run-1',
      workflowType: 'processOrder',
      status: 'Running',
      startTime: new Date('2026-11-23T10:00:00Z'),
      executionTime: new Date('2026-11-23T10:00:05Z'),
      closeTime: null,
      executionDuration: null,
      taskQueue: 'orders',
      historyLength: 2,
      historySizeBytes: 512,
      stateTransitionCount: 1,
      rootWorkflowId: 'order-1',
      version: 3n,
      searchAttributes: {},
    });
    expect(record.memo).toEqual(new Uint8Array());
    expect(dropped).toEqual([]);
  });

  it('measures ExecutionDuration in nanoseconds from the execution time to the close, never below 0', () => {
    const closed = toVisibilityRecord(
      change({ status: 'Completed', closeTimeMs: Date.parse('2026-11-23T10:01:05.250Z') }),
      {},
    ).record;
    expect(closed.closeTime).toEqual(new Date('2026-11-23T10:01:05.250Z'));
    expect(closed.executionDuration).toBe(60_250_000_000n);
    const beforeExecution = toVisibilityRecord(
      change({ status: 'Terminated', closeTimeMs: Date.parse('2026-11-23T10:00:01Z') }),
      {},
    ).record;
    expect(beforeExecution.executionDuration).toBe(0n);
  });

  it('keeps the memo bytes as they are and reads versions beyond 2^53 exactly', () => {
    const memo = temporal.api.common.v1.Memo.encode({ fields: { note: json('hi') } }).finish();
    const { record } = toVisibilityRecord(
      change({ memo: Buffer.from(memo).toString('base64'), version: '9007199254740993' }),
      {},
    );
    expect([...record.memo]).toEqual([...memo]);
    expect(record.version).toBe(9007199254740993n);
  });

  it('types custom attributes by the registry and predefined ones by their table', () => {
    const { record, dropped } = toVisibilityRecord(
      change({
        searchAttributes: encodeAttributes({
          CustomerId: json('c-42'),
          Notes: json('rush order'),
          Amount: json(12.5),
          Quantity: json(3),
          Priority: json(['high']), // older SDK APIs send every value as an array
          Paid: json(true),
          DueAt: json('2026-12-01T12:00:00+01:00'),
          Tags: json(['a', 'b']),
          BuildIds: json(['unversioned']),
          TemporalSchedulePaused: json(false),
        }),
      }),
      {
        CustomerId: 'Keyword',
        Notes: 'Text',
        Amount: 'Double',
        Quantity: 'Int',
        Priority: 'Keyword',
        Paid: 'Bool',
        DueAt: 'Datetime',
        Tags: 'KeywordList',
      },
    );
    expect(dropped).toEqual([]);
    expect(record.searchAttributes).toEqual({
      CustomerId: { type: 'Keyword', value: 'c-42' },
      Notes: { type: 'Text', value: 'rush order' },
      Amount: { type: 'Double', value: 12.5 },
      Quantity: { type: 'Int', value: 3n },
      Priority: { type: 'Keyword', value: 'high' },
      Paid: { type: 'Bool', value: true },
      DueAt: { type: 'Datetime', value: '2026-12-01T11:00:00Z' },
      Tags: { type: 'KeywordList', value: ['a', 'b'] },
      BuildIds: { type: 'KeywordList', value: ['unversioned'] },
      TemporalSchedulePaused: { type: 'Bool', value: false },
    });
  });

  it('reads int64 values exactly, also past 2^53', () => {
    const { record } = toVisibilityRecord(
      change({
        searchAttributes: encodeAttributes({
          Big: {
            metadata: { encoding: Buffer.from('json/plain') },
            data: Buffer.from('9223372036854775807'),
          },
          Small: {
            metadata: { encoding: Buffer.from('json/plain') },
            data: Buffer.from('[-9007199254740993]'),
          },
        }),
      }),
      { Big: 'Int', Small: 'Int' },
    );
    expect(record.searchAttributes).toEqual({
      Big: { type: 'Int', value: 9223372036854775807n },
      Small: { type: 'Int', value: -9007199254740993n },
    });
  });

  it('drops attributes no longer registered, and system ones, as unregistered', () => {
    const { record, dropped } = toVisibilityRecord(
      change({ searchAttributes: encodeAttributes({ Removed: json('x'), WorkflowId: json('forged') }) }),
      {},
    );
    expect(record.searchAttributes).toEqual({});
    expect(dropped.map(({ name, reason }) => [name, reason])).toEqual([
      ['Removed', 'unregistered'],
      ['WorkflowId', 'unregistered'],
    ]);
  });

  it('drops only the values that do not fit their type and keeps the rest of the record', () => {
    const { record, dropped } = toVisibilityRecord(
      change({
        searchAttributes: encodeAttributes({
          Quantity: json('three'),
          Ratio: json(1.5),
          TooBig: {
            metadata: { encoding: Buffer.from('json/plain') },
            data: Buffer.from('9223372036854775808'),
          },
          NotWhole: json(2.5),
          Born: json('1960-01-01T00:00:00Z'),
          Later: json('2300-01-01T00:00:00Z'),
          Garbled: json('yesterday'),
          Many: json(['a', 'b']),
          Flags: json([1, 2]),
          Encrypted: { metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.from('xx') },
          Broken: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{') },
          Kept: json('yes'),
        }),
      }),
      {
        Quantity: 'Int',
        Ratio: 'Int',
        TooBig: 'Int',
        NotWhole: 'Int',
        Born: 'Datetime',
        Later: 'Datetime',
        Garbled: 'Datetime',
        Many: 'Keyword',
        Flags: 'KeywordList',
        Encrypted: 'Keyword',
        Broken: 'Keyword',
        Kept: 'Keyword',
      },
    );
    expect(record.searchAttributes).toEqual({ Kept: { type: 'Keyword', value: 'yes' } });
    expect(
      Object.fromEntries(dropped.map(({ name, reason, problem }) => [name, `${reason}: ${problem}`])),
    ).toEqual({
      Quantity: 'invalid: "three" is not an Int value',
      Ratio: 'invalid: 1.5 is not an integer',
      TooBig: 'invalid: 9223372036854775808 does not fit in int64',
      NotWhole: 'invalid: 2.5 is not an integer',
      Born: "invalid: '1960-01-01T00:00:00Z' is outside the indexable range 1970-01-01 to 2262-04-11",
      Later: "invalid: '2300-01-01T00:00:00Z' is outside the indexable range 1970-01-01 to 2262-04-11",
      Garbled: "invalid: 'yesterday' is not an RFC 3339 datetime",
      Many: 'invalid: holds 2 values; a Keyword attribute takes one',
      Flags: 'invalid: a KeywordList attribute takes strings',
      Encrypted: "invalid: has encoding 'binary/encrypted', expected json/plain",
      Broken: 'invalid: is not JSON',
    });
  });

  it('treats unset values (null payload, null, empty list) as absent, silently', () => {
    const { record, dropped } = toVisibilityRecord(
      change({
        searchAttributes: encodeAttributes({
          Gone: { metadata: { encoding: Buffer.from('binary/null') } },
          Null: json(null),
          Empty: json([]),
          EmptyList: json([]),
        }),
      }),
      { Gone: 'Keyword', Null: 'Int', Empty: 'Keyword', EmptyList: 'KeywordList' },
    );
    expect(record.searchAttributes).toEqual({});
    expect(dropped).toEqual([]);
  });

  it('calls a search attribute blob that is not SearchAttributes poison', () => {
    expect(() =>
      toVisibilityRecord(
        change({ searchAttributes: Buffer.from([0x0a, 0xff, 0xff]).toString('base64') }),
        {},
      ),
    ).toThrow(PoisonVisibilityChange);
  });
});
