import type { SearchAttributeValue } from '@kairos/visibility';
import { describe, expect, it } from 'vitest';
import { searchAttributePayload, searchAttributesMessage } from './search-attribute-payloads.ts';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('searchAttributePayload', () => {
  it('writes json/plain payloads typed as the SDKs expect', () => {
    const cases: [SearchAttributeValue, string, string][] = [
      [{ type: 'Keyword', value: 'a"b' }, 'Keyword', '"a\\"b"'],
      [{ type: 'Text', value: 'quick fox' }, 'Text', '"quick fox"'],
      [{ type: 'Int', value: 9_007_199_254_740_993n }, 'Int', '9007199254740993'],
      [{ type: 'Double', value: 1.5 }, 'Double', '1.5'],
      [{ type: 'Bool', value: false }, 'Bool', 'false'],
      [{ type: 'Datetime', value: '2024-01-05T00:00:00.5Z' }, 'Datetime', '"2024-01-05T00:00:00.5Z"'],
      [{ type: 'KeywordList', value: ['x', 'y'] }, 'KeywordList', '["x","y"]'],
    ];
    for (const [attribute, type, json] of cases) {
      const payload = searchAttributePayload(attribute);
      expect(text(payload.metadata?.['encoding'])).toBe('json/plain');
      expect(text(payload.metadata?.['type'])).toBe(type);
      expect(text(payload.data)).toBe(json);
    }
  });

  it('leaves searchAttributes unset when a record has none', () => {
    expect(searchAttributesMessage({})).toBeNull();
    expect(
      Object.keys(searchAttributesMessage({ A: { type: 'Bool', value: true } })?.indexedFields ?? {}),
    ).toEqual(['A']);
  });
});
