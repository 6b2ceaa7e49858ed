import { InvalidArgument } from '@kairos/errors';

/** Page tokens travel as base64url text: safe in URLs and JSON. Empty tokens mean "no more pages". */
export function encodeCursor(token: Uint8Array | null | undefined): string | null {
  if (!token || token.length === 0) return null;
  return Buffer.from(token).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Uint8Array | undefined {
  return cursor === undefined ? undefined : new Uint8Array(Buffer.from(cursor, 'base64url'));
}

/**
 * Runs a store or engine call whose errors name the wire field (`next_page_token`), and renames it
 * to the procedure's own (`cursor`), so the console shows the message beside the right control.
 */
export async function withCursorField<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InvalidArgument && error.field === 'next_page_token') {
      const problem = error.message.replace(/^next_page_token: /, '');
      throw InvalidArgument.forField('cursor', problem, { cause: error });
    }
    throw error;
  }
}
