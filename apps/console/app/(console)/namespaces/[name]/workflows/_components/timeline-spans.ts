import type { HistoryEvent } from './workflow-types.ts';

export type SpanKind = 'activity' | 'timer' | 'child' | 'workflowTask';

/** Something that ran for a while in the history: from its first event to its closing one (or now). */
export interface TimelineSpan {
  key: string;
  kind: SpanKind;
  label: string;
  startMs: number;
  endMs: number;
  open: boolean;
}

/** Which events open a span, and which attribute of a closing event names the opening event. */
const OPENERS: Record<string, SpanKind> = {
  ActivityTaskScheduled: 'activity',
  TimerStarted: 'timer',
  StartChildWorkflowExecutionInitiated: 'child',
  WorkflowTaskScheduled: 'workflowTask',
};

const CLOSER_LINKS = ['scheduledEventId', 'startedEventId', 'initiatedEventId'];

function attributesOf(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event.details).find((name) => name.endsWith('EventAttributes'));
  const value = key === undefined ? undefined : event.details[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function labelOf(kind: SpanKind, attributes: Record<string, unknown>): string {
  const named = (value: unknown) =>
    typeof value === 'object' && value !== null && 'name' in value ? String(value.name) : '';
  if (kind === 'activity') return `Activity ${named(attributes.activityType)}`;
  if (kind === 'timer') return `Timer ${String(attributes.timerId ?? '')}`;
  if (kind === 'child') return `Child ${String(attributes.workflowId ?? '')}`;
  return 'Workflow task';
}

/**
 * Spans of activities, timers, children and workflow tasks from the loaded events: an opener starts
 * a span; any later event that points back to it (scheduled/started/initiated event id) extends it.
 */
export function timelineSpans(events: HistoryEvent[], nowMs: number): TimelineSpan[] {
  const spans = new Map<number, TimelineSpan>();
  for (const event of events) {
    const timeMs = event.time === null ? nowMs : Date.parse(event.time);
    const kind = OPENERS[event.type];
    const attributes = attributesOf(event);
    if (kind !== undefined) {
      spans.set(event.eventId, {
        key: String(event.eventId),
        kind,
        label: labelOf(kind, attributes),
        startMs: timeMs,
        endMs: nowMs,
        open: true,
      });
      continue;
    }
    for (const link of CLOSER_LINKS) {
      const target = spans.get(Number(attributes[link]));
      if (!target) continue;
      target.endMs = timeMs;
      target.open = !/(Completed|Failed|TimedOut|Canceled|Fired|Terminated)$/.test(event.type);
      // A started event links to its scheduled one through scheduledEventId; later ones to both.
      break;
    }
  }
  return [...spans.values()].map((span) => (span.open ? { ...span, endMs: nowMs } : span));
}
