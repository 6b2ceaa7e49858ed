import v8 from 'node:v8';
import { isWireError, type WireError } from './wire-error.ts';

/**
 * The wire format between Kairos processes: `POST /rpc/<method>` whose body is `v8.serialize(args)`,
 * answered with `v8.serialize({ ok: result } | { error: WireError })`.
 *
 * V8's structured clone keeps what the engine passes around — Uint8Array and Buffer (payload bytes,
 * task tokens), nested objects, arrays, Date, Map, Set, bigint, undefined — without a schema per
 * method. What it does not keep is prototypes: a protobufjs message arrives as a plain object of its
 * own fields (defaults live on the prototype, so unset fields read as undefined), and a `Long` arrives
 * as a plain `{ low, high, unsigned }` object. Receivers therefore read int64, Duration and Timestamp
 * fields only through @kairos/proto's `int64ToNumber`, `durationToMs`, `timestampToMs`. Functions and
 * class-private state cannot cross; serialising them fails on the sending side.
 *
 * Both sides must run the same Node major version (a deserializer rejects newer serialisation formats).
 */
export const RPC_PATH_PREFIX = '/rpc/';
export const RPC_CONTENT_TYPE = 'application/x-kairos-v8';

/**
 * Large enough for the biggest legitimate internal message — a query target carries a run's whole
 * history, which Temporal caps at 50 MB — while still refusing a runaway body before it fills memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export type RpcEnvelope = { ok: unknown } | { error: WireError };

export function encodeArgs(args: unknown[]): Buffer {
  return v8.serialize(args);
}

/** The call's arguments, or undefined when the body is not a serialised array. */
export function decodeArgs(body: Buffer): unknown[] | undefined {
  let decoded: unknown;
  try {
    decoded = v8.deserialize(body);
  } catch {
    return undefined;
  }
  return Array.isArray(decoded) ? decoded : undefined;
}

export function encodeEnvelope(envelope: RpcEnvelope): Buffer {
  return v8.serialize(envelope);
}

/** The answer, or undefined when the body is not an envelope this package wrote. */
export function decodeEnvelope(body: Buffer): RpcEnvelope | undefined {
  let decoded: unknown;
  try {
    decoded = v8.deserialize(body);
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  if (Object.hasOwn(decoded, 'ok')) return decoded as { ok: unknown };
  const { error } = decoded as { error?: unknown };
  return isWireError(error) ? { error } : undefined;
}

export function methodPath(method: string): string {
  return `${RPC_PATH_PREFIX}${encodeURIComponent(method)}`;
}
