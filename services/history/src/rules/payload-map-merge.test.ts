import { describe, expect, it } from 'vitest';
import { mergePayloadMap } from './payload-map-merge.ts';

const json = (text: string) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(text),
});

describe('mergePayloadMap', () => {
  it('adds and replaces keys without touching the inputs', () => {
    const current = { a: json('1'), b: json('2') };
    const upserts = { b: json('3'), c: json('4') };
    expect(mergePayloadMap(current, upserts)).toEqual({ a: json('1'), b: json('3'), c: json('4') });
    expect(current).toEqual({ a: json('1'), b: json('2') });
  });

  it('removes keys upserted with empty data (null) or an empty JSON list', () => {
    const current = { a: json('1'), b: json('2'), c: json('3') };
    expect(
      mergePayloadMap(current, {
        a: { metadata: { encoding: Buffer.from('binary/null') } },
        b: json('[]'),
        missing: json('[]'),
        c: null,
      }),
    ).toEqual({});
  });

  it('keeps a list with content and treats absent maps as empty', () => {
    expect(mergePayloadMap(undefined, { a: json('[ ]'), b: json('["x"]') })).toEqual({
      a: json('[ ]'),
      b: json('["x"]'),
    });
    expect(mergePayloadMap({ a: json('1') }, null)).toEqual({ a: json('1') });
  });
});
