import { describe, expect, it } from 'vitest';
import { decodeNamespacePageToken, encodeNamespacePageToken } from './namespace-page-token.ts';

describe('namespace page tokens', () => {
  it('round-trip the last name of a page', () => {
    expect(decodeNamespacePageToken(encodeNamespacePageToken('orders-prod'))).toBe('orders-prod');
  });

  it('treat an absent or empty token as the first page', () => {
    expect(decodeNamespacePageToken(undefined)).toBeUndefined();
    expect(decodeNamespacePageToken(null)).toBeUndefined();
    expect(decodeNamespacePageToken(new Uint8Array())).toBeUndefined();
  });

  it('refuse tokens the server did not issue, naming the field', () => {
    for (const bogus of ['garbage', '{"v":2,"after":"x"}', '{"v":1,"after":""}', '[]']) {
      expect(() => decodeNamespacePageToken(Buffer.from(bogus))).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'nextPageToken' }),
      );
    }
  });
});
