import { Long, msToTimestamp, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { eventTypeName, historyEventView, summarize } from './event-view.ts';

const { EventType } = temporal.api.enums.v1;

const signaled: temporal.api.history.v1.IHistoryEvent = {
  eventId: Long.fromNumber(7),
  eventTime: msToTimestamp(Date.UTC(2026, 10, 23, 12, 0, 0)),
  eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
  workflowExecutionSignaledEventAttributes: {
    signalName: 'approve',
    identity: 'someone',
    input: {
      payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"by":"ann"}') }],
    },
  },
};

describe('historyEventView', () => {
  it('gives id, ISO time, short type, a summary with decoded payloads, and the whole event as JSON', () => {
    const view = historyEventView(signaled);
    expect(view).toMatchObject({
      eventId: 7,
      time: '2026-11-23T12:00:00.000Z',
      type: 'WorkflowExecutionSignaled',
      summary: 'signalName=approve · input=[{"by":"ann"}]',
    });
    expect(view.details).toMatchObject({
      eventId: '7',
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED',
      workflowExecutionSignaledEventAttributes: {
        input: { payloads: [{ encoding: 'json/plain', data: { by: 'ann' } }] },
      },
    });
  });

  it('reads the plain copy a remote history process sends (Long as an object)', () => {
    const remote = JSON.parse(JSON.stringify({ ...signaled, workflowExecutionSignaledEventAttributes: {} }));
    expect(historyEventView(remote)).toMatchObject({ eventId: 7, type: 'WorkflowExecutionSignaled' });
  });
});

describe('summaries', () => {
  it('names types and shortens long summaries', () => {
    expect(eventTypeName('EVENT_TYPE_WORKFLOW_TASK_COMPLETED')).toBe('WorkflowTaskCompleted');
    const summary = summarize({ reason: 'x'.repeat(500) }, 50);
    expect(summary).toHaveLength(50);
    expect(summary.endsWith('…')).toBe(true);
  });
});
