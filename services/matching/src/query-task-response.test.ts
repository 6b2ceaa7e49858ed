import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { lastCompletedWorkflowTaskStartedEventId } from './query-task-response.ts';

const { EventType } = temporal.api.enums.v1;

const completed = (eventId: number, startedEventId: number) => ({
  eventId: Long.fromNumber(eventId),
  eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  workflowTaskCompletedEventAttributes: { startedEventId: Long.fromNumber(startedEventId) },
});

describe('lastCompletedWorkflowTaskStartedEventId', () => {
  it('is 0 before any workflow task completed', () => {
    expect(
      lastCompletedWorkflowTaskStartedEventId([
        { eventId: Long.fromNumber(1), eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED },
        { eventId: Long.fromNumber(2), eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED },
      ]),
    ).toBe(0);
  });

  it('is the started event of the last completed workflow task, ignoring one in flight', () => {
    expect(
      lastCompletedWorkflowTaskStartedEventId([
        completed(4, 3),
        { eventId: Long.fromNumber(5), eventType: EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED },
        completed(9, 8),
        { eventId: Long.fromNumber(10), eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED },
        { eventId: Long.fromNumber(11), eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED },
      ]),
    ).toBe(8);
  });

  it('reads event ids that crossed a process boundary as plain objects', () => {
    const crossed = JSON.parse(JSON.stringify([completed(4, 3)])) as temporal.api.history.v1.IHistoryEvent[];
    expect(lastCompletedWorkflowTaskStartedEventId(crossed)).toBe(3);
  });
});
