import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventId, eventTypes, type HistoryEvent } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import { finishSignal, waitForFinish } from './workflows/basic.ts';

const { HistoryEventFilterType } = temporal.api.enums.v1;

describe('GetWorkflowExecutionHistory', () => {
  const env = useEngineTestEnv();

  /** A running workflow with no worker and `signals` signals: 2 + `signals` events, written cheaply. */
  async function workflowWithSignals(label: string, signals: number) {
    const workflowId = `${label}-${randomUUID()}`;
    const handle = await env.client.workflow.start(waitForFinish, {
      taskQueue: env.taskQueue(label),
      workflowId,
    });
    for (let index = 0; index < signals; index++) await handle.signal('noise', index);
    return { workflowId, handle, runId: handle.firstExecutionRunId };
  }

  function historyRequest(workflowId: string, runId?: string) {
    return { namespace: env.namespace, execution: { workflowId, runId } };
  }

  it('pages through a history with maximumPageSize, following nextPageToken to the end', async () => {
    const { workflowId, handle, runId } = await workflowWithSignals('history-paging', 25);
    const pages: HistoryEvent[][] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await env.connection.workflowService.getWorkflowExecutionHistory({
        ...historyRequest(workflowId, runId),
        maximumPageSize: 10,
        nextPageToken,
      });
      pages.push(page.history?.events ?? []);
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);

    // Temporal fills pages with whole event batches, so a page may run a batch past the maximum
    // (the reference server answers 11, 10, 6 here: events 1-2 are one batch).
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) expect(page.length).toBeGreaterThan(0);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(11);
    const events = pages.flat();
    expect(events.map(eventId)).toEqual(Array.from({ length: 27 }, (_, index) => index + 1));
    expect(eventTypes(events).slice(0, 3)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
      'WorkflowExecutionSignaled',
    ]);
    expect(eventTypes((await handle.fetchHistory()).events)).toEqual(eventTypes(events));
    await handle.terminate('test done');
  });

  it('returns the history newest first from GetWorkflowExecutionHistoryReverse, paged', async () => {
    const { workflowId, handle, runId } = await workflowWithSignals('history-reverse', 12);
    await handle.terminate('closed so the history is final');
    const events: HistoryEvent[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await env.connection.workflowService.getWorkflowExecutionHistoryReverse({
        ...historyRequest(workflowId, runId),
        maximumPageSize: 5,
        nextPageToken,
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    expect(events.map(eventId)).toEqual(Array.from({ length: 15 }, (_, index) => 15 - index));
    expect(eventTypes(events)[0]).toBe('WorkflowExecutionTerminated');
    expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionStarted');
  });

  it('holds a waitNewEvent long poll open until the next event is written', async () => {
    const { workflowId, handle, runId } = await workflowWithSignals('history-long-poll', 0);
    const first = await env.connection.workflowService.getWorkflowExecutionHistory({
      ...historyRequest(workflowId, runId),
      waitNewEvent: true,
    });
    expect(eventTypes(first.history?.events)).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled']);
    expect(first.nextPageToken?.length).toBeGreaterThan(0);

    let answered = false;
    const poll = env.connection.workflowService
      .getWorkflowExecutionHistory({
        ...historyRequest(workflowId, runId),
        waitNewEvent: true,
        nextPageToken: first.nextPageToken,
      })
      .finally(() => {
        answered = true;
      });
    // Give the poll a moment to (wrongly) answer without a new event; describe is an ordinary round trip.
    await handle.describe();
    await handle.describe();
    expect(answered).toBe(false);

    await handle.signal('wake', 'up');
    const next = await poll;
    expect(eventTypes(next.history?.events)).toEqual(['WorkflowExecutionSignaled']);
    expect(eventId(next.history!.events![0]!)).toBe(3);
    await handle.terminate('test done');
  });

  it('returns only the close event with the CLOSE_EVENT filter, waiting for it while the workflow runs', async () => {
    const { workflowId, handle, runId } = await workflowWithSignals('history-close-event', 2);
    let answered = false;
    const poll = env.connection.workflowService
      .getWorkflowExecutionHistory({
        ...historyRequest(workflowId, runId),
        waitNewEvent: true,
        historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
      })
      .finally(() => {
        answered = true;
      });
    await handle.signal('still', 'running');
    await handle.describe();
    expect(answered).toBe(false);

    await handle.terminate('closing now');
    const closed = await poll;
    expect(eventTypes(closed.history?.events)).toEqual(['WorkflowExecutionTerminated']);
    expect(eventId(closed.history!.events![0]!)).toBe(6);

    const afterClose = await env.connection.workflowService.getWorkflowExecutionHistory({
      ...historyRequest(workflowId, runId),
      historyEventFilterType: HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
    });
    expect(eventTypes(afterClose.history?.events)).toEqual(['WorkflowExecutionTerminated']);
  });

  it('resolves handle.result() of a workflow that runs on well after result() was called', async () => {
    const taskQueue = env.taskQueue('history-result');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(waitForFinish, {
        taskQueue,
        workflowId: `history-result-${randomUUID()}`,
      });
      let settled = false;
      const result = handle.result().finally(() => {
        settled = true;
      });
      await waitUntil('the workflow to wait for its signal', async () =>
        eventTypes((await handle.fetchHistory()).events).includes('WorkflowTaskCompleted'),
      );
      expect(settled).toBe(false);
      await handle.signal(finishSignal, 'finally');
      expect(await result).toBe('finally');
    });
  });
});
