import { createHash } from 'node:crypto';
import { InvalidArgument } from '@kairos/errors';

// List page tokens: the last returned row's sort values (a keyset cursor, so rows written between
// pages neither repeat nor shift the next page) and a fingerprint of the namespace and filter that
// produced them, so a token replayed with another query is refused instead of silently misread.
// The bytes are opaque to callers (Temporal's next_page_token).

/** Postgres cursors are strings or null; OpenSearch sort values may also be numbers, longs, booleans. */
export type CursorValue = string | number | bigint | boolean | null;

interface EncodedToken {
  v: 1;
  q: string;
  after: (string | number | boolean | null | { long: string })[];
}

export function queryFingerprint(namespaceId: string, query: string): string {
  return createHash('sha256').update(namespaceId).update('\n').update(query).digest('base64url').slice(0, 16);
}

export function encodePageToken(fingerprint: string, after: readonly CursorValue[]): Uint8Array {
  const token: EncodedToken = {
    v: 1,
    q: fingerprint,
    after: after.map((value) => (typeof value === 'bigint' ? { long: value.toString() } : value)),
  };
  return Buffer.from(JSON.stringify(token), 'utf8');
}

/** The cursor of a token from `encodePageToken`; undefined for an empty token (first page). */
export function decodePageToken(
  token: Uint8Array | undefined,
  fingerprint: string,
  keyCount: number,
): CursorValue[] | undefined {
  if (token === undefined || token.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token).toString('utf8'));
  } catch {
    throw invalidToken('is malformed');
  }
  if (!isEncodedToken(parsed)) throw invalidToken('is malformed');
  if (parsed.q !== fingerprint) throw invalidToken('belongs to a different namespace or query');
  if (parsed.after.length !== keyCount) throw invalidToken('is malformed');
  return parsed.after.map((value) => {
    if (value === null || typeof value !== 'object') return value;
    if (!/^-?\d+$/.test(value.long)) throw invalidToken('is malformed');
    return BigInt(value.long);
  });
}

function isEncodedToken(value: unknown): value is EncodedToken {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EncodedToken>;
  return (
    candidate.v === 1 &&
    typeof candidate.q === 'string' &&
    Array.isArray(candidate.after) &&
    candidate.after.every(
      (item: unknown) =>
        item === null ||
        ['string', 'number', 'boolean'].includes(typeof item) ||
        (typeof item === 'object' && typeof (item as { long?: unknown }).long === 'string'),
    )
  );
}

/**
 * For a store whose query refused a token's cursor values (a forged token of the right namespace and
 * query, whose values do not fit the sort keys' types): the caller's error, not the store's.
 */
export function malformedPageToken(cause: unknown): InvalidArgument {
  return InvalidArgument.forField('next_page_token', 'is malformed; start again without a page token', {
    cause,
  });
}

function invalidToken(problem: string): InvalidArgument {
  return InvalidArgument.forField('next_page_token', `${problem}; start again without a page token`);
}
