import { InvalidArgument } from '@kairos/errors';

/**
 * audit.list pages newest first by entry id. The cursor is opaque to clients (base64url of a small
 * versioned JSON) so the paging key can change without breaking the console.
 */
export function encodeAuditCursor(beforeId: bigint): string {
  return Buffer.from(JSON.stringify({ v: 1, before: beforeId.toString() }), 'utf8').toString('base64url');
}

/** The id to page before; INVALID_ARGUMENT naming `cursor` for anything audit.list did not hand out. */
export function decodeAuditCursor(cursor: string): bigint {
  const invalid = () => InvalidArgument.forField('cursor', 'is not a cursor returned by audit.list');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid();
  const { v, before } = parsed as { v?: unknown; before?: unknown };
  if (v !== 1 || typeof before !== 'string' || !/^[1-9][0-9]{0,18}$/.test(before)) throw invalid();
  return BigInt(before);
}
