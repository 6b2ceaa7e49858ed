import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import * as limits from './limits.ts';
import {
  checkBlobSize,
  checkMemoSize,
  failureSize,
  headerSize,
  memoSize,
  payloadDataLength,
  payloadMapDataSize,
  payloadsMapSize,
  payloadsSize,
  searchAttributesSize,
  sizeVerdict,
} from './payload-limits.ts';

const common = temporal.api.common.v1;
const payload = (data: string, encoding = 'json/plain') => ({
  metadata: { encoding: Buffer.from(encoding) },
  data: Buffer.from(data),
});

describe('payload sizes', () => {
  it('measure Payloads as their protobuf encoding (data, metadata and framing)', () => {
    const payloads = { payloads: [payload('"hello"'), payload('42', 'binary/plain')] };
    expect(payloadsSize(payloads)).toBe(common.Payloads.encode(payloads).finish().length);
    // One payload: data (7) + metadata entry (key 8 + value 10 + framing 4, in a 2-byte field) + framing.
    expect(payloadsSize({ payloads: [payload('"hello"')] })).toBe(2 + (2 + 7) + (2 + (2 + 8) + (2 + 10)));
    expect(payloadsSize(undefined)).toBe(0);
    expect(payloadsSize({ payloads: [] })).toBe(0);
  });

  it('measure memos, headers, search attributes and failures the same way', () => {
    const fields = { a: payload('1'), bb: payload('"x"') };
    expect(memoSize({ fields })).toBe(common.Memo.encode({ fields }).finish().length);
    expect(headerSize({ fields })).toBe(common.Header.encode({ fields }).finish().length);
    expect(searchAttributesSize({ indexedFields: fields })).toBe(
      common.SearchAttributes.encode({ indexedFields: fields }).finish().length,
    );
    const failure = { message: 'boom', stackTrace: 'at x', applicationFailureInfo: { type: 'E' } };
    expect(failureSize(failure)).toBe(temporal.api.failure.v1.Failure.encode(failure).finish().length);
    expect([
      memoSize(null),
      headerSize(undefined),
      searchAttributesSize(null),
      failureSize(undefined),
    ]).toEqual([0, 0, 0, 0]);
  });

  it('count only keys and data for upserted search attributes and memo fields', () => {
    expect(payloadMapDataSize({ key: payload('12345'), é: payload('') })).toBe(3 + 5 + 2);
    expect(payloadMapDataSize({ k: null })).toBe(1);
    expect(payloadMapDataSize(undefined)).toBe(0);
  });

  it('count keys plus encoded Payloads for marker details', () => {
    const details = { version: { payloads: [payload('1')] }, x: { payloads: [] } };
    expect(payloadsMapSize(details)).toBe(7 + payloadsSize(details.version) + 1);
    expect(payloadsMapSize(null)).toBe(0);
  });

  it('read data given as base64 text (JSON transport) by its decoded length', () => {
    expect(payloadDataLength({ data: Buffer.from('hello') })).toBe(5);
    expect(
      payloadDataLength({ data: Buffer.from('hello').toString('base64') as unknown as Uint8Array }),
    ).toBe(5);
    expect(payloadDataLength(undefined)).toBe(0);
  });
});

describe('size verdicts', () => {
  it('warn above 512 KB and refuse above 2 MB, both strictly', () => {
    expect(sizeVerdict(512 * 1024)).toBe('ok');
    expect(sizeVerdict(512 * 1024 + 1)).toBe('warn');
    expect(sizeVerdict(2 * 1024 * 1024)).toBe('warn');
    expect(sizeVerdict(2 * 1024 * 1024 + 1)).toBe('error');
  });

  it('warn for memos above 2 KB', () => {
    expect(
      sizeVerdict(2048, {
        warnBytes: limits.memoSizeLimitWarnBytes,
        errorBytes: limits.memoSizeLimitErrorBytes,
      }),
    ).toBe('ok');
    expect(checkMemoSize('memo', 2049)).toBe('warn');
  });

  it('refuse request fields over the limit with INVALID_ARGUMENT naming the field (as Temporal does)', () => {
    expect(checkBlobSize('input', 10)).toBe('ok');
    expect(() => checkBlobSize('input', 2 * 1024 * 1024 + 1)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        field: 'input',
        message: 'input: is 2097153 bytes, over the blob size limit of 2097152 bytes',
      }),
    );
    expect(() => checkMemoSize('memo', 2 * 1024 * 1024 + 1)).toThrow(
      /memo: is 2097153 bytes, over the memo size limit/,
    );
  });
});

describe('limits', () => {
  it('are Temporal’s defaults', () => {
    expect(limits).toMatchObject({
      maxIdLength: 1000,
      blobSizeLimitErrorBytes: 2_097_152,
      blobSizeLimitWarnBytes: 524_288,
      memoSizeLimitErrorBytes: 2_097_152,
      memoSizeLimitWarnBytes: 2048,
      historyCountLimitError: 51_200,
      historyCountLimitWarn: 10_240,
      historySizeLimitErrorBytes: 52_428_800,
      historySizeLimitWarnBytes: 10_485_760,
      pendingActivitiesLimit: 2000,
      searchAttributesNumberOfKeysLimit: 100,
      searchAttributeValueSizeLimitBytes: 2048,
      searchAttributesTotalSizeLimitBytes: 40_960,
      defaultWorkflowTaskTimeoutMs: 10_000,
      maxWorkflowTaskTimeoutMs: 120_000,
    });
  });
});
