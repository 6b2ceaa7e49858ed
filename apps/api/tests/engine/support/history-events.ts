import { int64ToNumber, temporal } from '@kairos/proto';
import { expect } from 'vitest';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const eventTypeNames = new Map<number, string>(
  Object.entries(temporal.api.enums.v1.EventType)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, value]) => [value, pascalCase(name.replace(/^EVENT_TYPE_/, ''))]),
);

function pascalCase(screamingSnake: string): string {
  return screamingSnake
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The event's type as Temporal's docs name it, e.g. `ActivityTaskScheduled`. */
export function eventTypeName(event: HistoryEvent): string {
  return eventTypeNames.get(event.eventType ?? 0) ?? `Unknown(${String(event.eventType)})`;
}

export function eventTypes(events: HistoryEvent[] | null | undefined): string[] {
  return (events ?? []).map(eventTypeName);
}

export function eventsOfType(events: HistoryEvent[] | null | undefined, type: string): HistoryEvent[] {
  return (events ?? []).filter((event) => eventTypeName(event) === type);
}

/** The only event of `type`; fails the test when there are none or several. */
export function onlyEventOfType(events: HistoryEvent[] | null | undefined, type: string): HistoryEvent {
  const matching = eventsOfType(events, type);
  expect(matching, `exactly one ${type} in ${eventTypes(events).join(', ')}`).toHaveLength(1);
  return matching[0]!;
}

export function eventId(event: HistoryEvent): number {
  return int64ToNumber(event.eventId);
}
