import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.ts';

describe('audit cursor', () => {
  it('round-trips an entry id through an opaque url-safe string', () => {
    for (const id of [1n, 42n, 9_007_199_254_740_993n, 9_223_372_036_854_775_807n]) {
      const cursor = encodeAuditCursor(id);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(id.toString());
      expect(decodeAuditCursor(cursor)).toBe(id);
    }
  });

  it('refuses anything else with INVALID_ARGUMENT naming the cursor field', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      '',
      'not-base64-json',
      encode(null),
      encode([]),
      encode({ v: 2, before: '5' }),
      encode({ v: 1, before: 5 }),
      encode({ v: 1, before: '0' }),
      encode({ v: 1, before: '-3' }),
      encode({ v: 1, before: '1'.repeat(30) }),
    ]) {
      expect(() => decodeAuditCursor(cursor)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'cursor' }),
      );
    }
  });
});
