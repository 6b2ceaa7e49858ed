// The checker the race tests rely on must itself catch the histories a racing engine could write.
import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from './history-events.ts';
import { historyProblems } from './well-formed-history.ts';

const type = temporal.api.enums.v1.EventType;
const id = (value: number): Long => Long.fromNumber(value);

/** Events with ids 1..n from [type, attributes] pairs. */
function history(...events: Array<[keyof typeof type, Partial<HistoryEvent>?]>): HistoryEvent[] {
  return events.map(([name, attributes], index) => ({
    eventId: id(index + 1),
    eventType: type[name],
    ...attributes,
  }));
}

const started = (scheduledEventId: number): Partial<HistoryEvent> => ({
  workflowTaskStartedEventAttributes: { scheduledEventId: id(scheduledEventId) },
});
const completed = (scheduledEventId: number, startedEventId: number): Partial<HistoryEvent> => ({
  workflowTaskCompletedEventAttributes: {
    scheduledEventId: id(scheduledEventId),
    startedEventId: id(startedEventId),
  },
});

describe('historyProblems', () => {
  it('accepts a signal between a task being scheduled and started', () => {
    const events = history(
      ['EVENT_TYPE_WORKFLOW_EXECUTION_STARTED'],
      ['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED'],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED'],
      ['EVENT_TYPE_WORKFLOW_TASK_STARTED', started(2)],
      ['EVENT_TYPE_WORKFLOW_TASK_COMPLETED', completed(2, 4)],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'],
    );
    expect(historyProblems(events)).toEqual([]);
  });

  it("reports an event between a task's Started and its end", () => {
    const events = history(
      ['EVENT_TYPE_WORKFLOW_EXECUTION_STARTED'],
      ['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED'],
      ['EVENT_TYPE_WORKFLOW_TASK_STARTED', started(2)],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED'],
      ['EVENT_TYPE_WORKFLOW_TASK_COMPLETED', completed(2, 3)],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'],
    );
    expect(historyProblems(events)).toEqual([
      "event 4 (WorkflowExecutionSignaled) between a task's Started and its end",
      'event 5 (WorkflowTaskCompleted) does not directly follow its Started (event 3)',
    ]);
  });

  it('reports a second task scheduled while one is open, a gap in ids and events after the close', () => {
    const events = history(
      ['EVENT_TYPE_WORKFLOW_EXECUTION_STARTED'],
      ['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED'],
      ['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED'],
      ['EVENT_TYPE_WORKFLOW_TASK_STARTED', started(3)],
      ['EVENT_TYPE_WORKFLOW_TASK_COMPLETED', completed(3, 4)],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED'],
    );
    events[6]!.eventId = id(9);
    expect(historyProblems(events)).toEqual([
      'event 7 (WorkflowExecutionSignaled) has id 9',
      '1 events after the close',
      'event 3 (WorkflowTaskScheduled): task 2 still open',
    ]);
  });

  it('reports an activity completed twice or for an unknown schedule', () => {
    const events = history(
      ['EVENT_TYPE_WORKFLOW_EXECUTION_STARTED'],
      ['EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'],
      [
        'EVENT_TYPE_ACTIVITY_TASK_STARTED',
        { activityTaskStartedEventAttributes: { scheduledEventId: id(2) } },
      ],
      [
        'EVENT_TYPE_ACTIVITY_TASK_COMPLETED',
        { activityTaskCompletedEventAttributes: { scheduledEventId: id(2), startedEventId: id(3) } },
      ],
      [
        'EVENT_TYPE_ACTIVITY_TASK_COMPLETED',
        { activityTaskCompletedEventAttributes: { scheduledEventId: id(2), startedEventId: id(3) } },
      ],
      [
        'EVENT_TYPE_ACTIVITY_TASK_COMPLETED',
        { activityTaskCompletedEventAttributes: { scheduledEventId: id(7), startedEventId: id(3) } },
      ],
      ['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'],
    );
    expect(historyProblems(events)).toEqual([
      'event 5 (ActivityTaskCompleted): activity 2 already closed',
      'event 6 (ActivityTaskCompleted) names unknown scheduled 7',
      'event 6 (ActivityTaskCompleted) names started 3, recorded undefined',
    ]);
  });
});
