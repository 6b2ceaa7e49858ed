import { temporal, timestampToMs } from '@kairos/proto';
import { looksLikePayload, payloadView } from './payload-view.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One history event as the console's table shows it; `details` is the whole event as JSON. */
export interface HistoryEventView {
  eventId: number;
  time: string | null;
  /** Temporal's event type name without the prefix: `WorkflowExecutionStarted`. */
  type: string;
  /** The attributes a reader looks for first, on one line. */
  summary: string;
  details: { [key: string]: JsonValue };
}

const HistoryEvent = temporal.api.history.v1.HistoryEvent;

/** `EVENT_TYPE_WORKFLOW_TASK_COMPLETED` → `WorkflowTaskCompleted`. */
export function eventTypeName(enumName: string): string {
  return enumName
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Payloads inside the JSON copy become `{ encoding, data }` with JSON data decoded, not base64. */
function decodePayloads(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(decodePayloads);
  if (typeof value !== 'object' || value === null) return value as JsonValue;
  if (looksLikePayload(value)) {
    const view = payloadView(value);
    return {
      encoding: view.encoding,
      data: view.format === 'json' ? (JSON.parse(view.text) as JsonValue) : view.text,
    };
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decodePayloads(inner)]));
}

/** Summary parts worth reading first, by attribute name; others are shown when they are scalars. */
const SKIPPED = new Set(['header', 'identity', 'workerVersion', 'sdkMetadata', 'meteringMetadata']);

function summaryPart(key: string, value: JsonValue): string | undefined {
  if (SKIPPED.has(key) || value === null) return undefined;
  if (typeof value !== 'object') return `${key}=${String(value)}`;
  if (Array.isArray(value)) return undefined;
  if (typeof value.name === 'string') return `${key}=${value.name}`;
  if (typeof value.message === 'string') return `${key}=${value.message}`;
  const payloads = value.payloads;
  if (Array.isArray(payloads) && payloads.length > 0)
    return `${key}=${JSON.stringify(payloads.map((p) => (p as { data?: JsonValue }).data ?? null))}`;
  return undefined;
}

export function summarize(attributes: { [key: string]: JsonValue } | undefined, maxLength = 200): string {
  if (!attributes) return '';
  const text = Object.entries(attributes)
    .map(([key, value]) => summaryPart(key, value))
    .filter((part): part is string => part !== undefined)
    .join(' · ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * The engine's event (a protobuf message in process, a plain structured-clone copy from a remote
 * history process) as JSON-safe data: int64 as strings, enums by name, payloads decoded.
 */
export function historyEventView(event: temporal.api.history.v1.IHistoryEvent): HistoryEventView {
  // Encoding accepts both forms (Long or its plain copy); decoding gives one exact message.
  const message = HistoryEvent.decode(HistoryEvent.encode(event).finish());
  const plain = HistoryEvent.toObject(message, { longs: String, enums: String, bytes: String });
  const details = decodePayloads(plain) as { [key: string]: JsonValue };
  const attributesKey = Object.keys(details).find((key) => key.endsWith('EventAttributes'));
  const attributes = attributesKey === undefined ? undefined : details[attributesKey];
  const timeMs = timestampToMs(message.eventTime);
  return {
    eventId: Number(details.eventId ?? 0),
    time: timeMs === undefined ? null : new Date(timeMs).toISOString(),
    type: eventTypeName(String(details.eventType ?? 'EVENT_TYPE_UNSPECIFIED')),
    summary: summarize(
      typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes)
        ? attributes
        : undefined,
    ),
    details,
  };
}
