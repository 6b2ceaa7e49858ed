import type { temporal } from '@kairos/proto';

/**
 * A payload as the console shows it: JSON text when its encoding is JSON (the SDKs' default
 * converter), else the raw bytes in base64 with the encoding named, so nothing is guessed.
 */
export interface PayloadView {
  encoding: string;
  format: 'json' | 'base64';
  text: string;
}

/** Bytes as they arrive: Uint8Array from the engine, base64 text inside a protobuf toObject() copy. */
type Bytes = Uint8Array | string | null | undefined;

function toBuffer(bytes: Bytes): Buffer {
  if (bytes === null || bytes === undefined) return Buffer.alloc(0);
  return typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : Buffer.from(bytes);
}

const JSON_ENCODINGS = new Set(['json/plain', 'json/protobuf']);

export function payloadView(payload: { metadata?: Record<string, Bytes> | null; data?: Bytes }): PayloadView {
  const encoding = toBuffer(payload.metadata?.encoding).toString('utf8') || 'unknown';
  const data = toBuffer(payload.data);
  if (encoding === 'binary/null') return { encoding, format: 'json', text: 'null' };
  if (JSON_ENCODINGS.has(encoding)) {
    const text = data.toString('utf8');
    try {
      return { encoding, format: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      // Says JSON but is not: show the bytes rather than a broken text.
    }
  }
  return { encoding, format: 'base64', text: data.toString('base64') };
}

export function payloadsView(payloads: temporal.api.common.v1.IPayloads | null | undefined): PayloadView[] {
  return (payloads?.payloads ?? []).map((payload) => payloadView(payload));
}

/** A one-line preview of payloads for event summaries. */
export function payloadsPreview(payloads: PayloadView[], maxLength = 80): string {
  const text = payloads
    .map((payload) =>
      payload.format === 'json' ? JSON.stringify(JSON.parse(payload.text)) : payload.encoding,
    )
    .join(', ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Is this (toObject) value shaped like a payload: metadata with an encoding, and data? */
export function looksLikePayload(
  value: unknown,
): value is { metadata: Record<string, string>; data?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const metadata = (value as { metadata?: unknown }).metadata;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as { encoding?: unknown }).encoding === 'string'
  );
}
