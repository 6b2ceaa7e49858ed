import { InvalidArgument } from '@kairos/errors';
import { z } from 'zod';

// ListNamespaces' next_page_token: opaque to callers, for us the last name of the previous page
// (keyset paging, so a page never repeats or skips a namespace while others are created or deleted).
// Versioned so the format can change without misreading tokens issued by an older api process.

const tokenSchema = z.object({ v: z.literal(1), after: z.string().min(1) });

export function encodeNamespacePageToken(lastName: string): Uint8Array {
  return Buffer.from(JSON.stringify({ v: 1, after: lastName }), 'utf8');
}

/** Undefined for an empty token (the first page); InvalidArgument for anything we did not issue. */
export function decodeNamespacePageToken(token: Uint8Array | null | undefined): string | undefined {
  if (!token || token.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token).toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = tokenSchema.safeParse(parsed);
  if (!result.success) {
    throw InvalidArgument.forField(
      'nextPageToken',
      'is not a token this server issued; pass back the one it returned',
    );
  }
  return result.data.after;
}
