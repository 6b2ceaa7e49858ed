import { int64, int64ToNumber, timestampToMs } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NOW,
  idsAndTypes,
  mutationOf,
  runningState,
  stateWithStartedTask,
  typeName,
} from '../../tests/support/execution-fixture.ts';
import { ExecutionMutation, decodeEvent } from './execution-mutation.ts';

function signal(mutation: ExecutionMutation, signalName: string) {
  return mutation.event('workflowExecutionSignaled', { signalName, identity: 'client' });
}

describe('ExecutionMutation', () => {
  it('appends events with consecutive ids from nextEventId, stamped with the transition time', () => {
    const mutation = mutationOf(runningState({ nextEventId: 7, historySizeBytes: 100 }), NOW + 5);

    mutation.append('workflowExecutionSignaled', { signalName: 'a' });
    mutation.append('workflowExecutionSignaled', { signalName: 'b' });

    expect(idsAndTypes(mutation.events)).toEqual([
      [7, 'WorkflowExecutionSignaled'],
      [8, 'WorkflowExecutionSignaled'],
    ]);
    expect(mutation.events.map((event) => int64ToNumber(event.taskId))).toEqual([7, 8]);
    expect(mutation.events.map((event) => timestampToMs(event.eventTime))).toEqual([NOW + 5, NOW + 5]);
    expect(mutation.state.nextEventId).toBe(9);
    expect(mutation.state.historySizeBytes).toBeGreaterThan(100);
    expect(mutation.changed).toBe(true);
  });

  it('works on a copy: the state it was built from is left as it was', () => {
    const state = runningState();
    const mutation = mutationOf(state);

    mutation.append('workflowExecutionSignaled', { signalName: 'a' });
    mutation.state.timers['t'] = { timerId: 't', startedEventId: 2, fireAtMs: NOW };

    expect(state.nextEventId).toBe(2);
    expect(state.timers).toEqual({});
  });

  it('reports no change until something is appended, touched, dispatched or consumed', () => {
    expect(mutationOf(runningState()).changed).toBe(false);

    const touched = mutationOf(runningState());
    touched.touch();
    expect(touched.changed).toBe(true);

    const consumed = mutationOf(runningState());
    consumed.consumeTimer('41');
    expect(consumed.changed).toBe(true);
    expect(consumed.consumedTimerIds).toEqual(['41']);

    const timed = mutationOf(runningState());
    timed.addTimer(NOW + 1, { type: 'workflow-backoff' });
    expect(timed.changed).toBe(true);
  });

  it('appends an outside event at once when no workflow task is started, answering its id', () => {
    const mutation = mutationOf(runningState({ nextEventId: 5 }));

    expect(mutation.appendExternal(signal(mutation, 'now'))).toBe(5);
    expect(mutation.state.bufferedEvents).toEqual([]);
  });

  it('buffers an outside event while a workflow task is started: no id, no history growth', () => {
    const mutation = mutationOf(stateWithStartedTask());

    expect(mutation.appendExternal(signal(mutation, 'later'))).toBeUndefined();

    expect(mutation.events).toEqual([]);
    expect(mutation.state.nextEventId).toBe(4);
    expect(mutation.state.bufferedEvents).toHaveLength(1);
    expect(
      decodeEvent(mutation.state.bufferedEvents[0]!.event).workflowExecutionSignaledEventAttributes
        ?.signalName,
    ).toBe('later');
    expect(mutation.changed).toBe(true);
  });

  it('flushes the buffer in arrival order with contiguous ids', () => {
    const buffering = mutationOf(stateWithStartedTask());
    for (const name of ['first', 'second', 'third']) buffering.appendExternal(signal(buffering, name));
    const flushing = mutationOf({ ...buffering.state, workflowTask: undefined, nextEventId: 10 });

    expect(flushing.flushBufferedEvents()).toBe(true);

    expect(idsAndTypes(flushing.events).map(([id]) => id)).toEqual([10, 11, 12]);
    expect(
      flushing.events.map((event) => event.workflowExecutionSignaledEventAttributes?.signalName),
    ).toEqual(['first', 'second', 'third']);
    expect(flushing.state.bufferedEvents).toEqual([]);
    expect(flushing.flushBufferedEvents()).toBe(false);
  });

  it('links a buffered closing event to the event flushed right before it', () => {
    const buffering = mutationOf(stateWithStartedTask());
    buffering.appendExternal(
      buffering.event('activityTaskStarted', { scheduledEventId: int64(5), attempt: 1 }),
    );
    buffering.appendExternal(
      buffering.event('activityTaskCompleted', { scheduledEventId: int64(5), startedEventId: int64(0) }),
      { startedEventIdFromPrevious: true },
    );
    const flushing = mutationOf({ ...buffering.state, workflowTask: undefined, nextEventId: 20 });

    flushing.flushBufferedEvents();

    expect(idsAndTypes(flushing.events)).toEqual([
      [20, 'ActivityTaskStarted'],
      [21, 'ActivityTaskCompleted'],
    ]);
    expect(int64ToNumber(flushing.events[1]!.activityTaskCompletedEventAttributes?.startedEventId)).toBe(20);
  });

  it('writes a scheduled transient workflow task for real before any other event, keeping ids contiguous', () => {
    const state = runningState({
      nextEventId: 6,
      workflowTask: {
        scheduledEventId: 6,
        attempt: 3,
        transient: true,
        scheduledTimeMs: NOW - 10,
        taskQueue: 'orders',
        taskQueueKind: 'normal',
        startToCloseTimeoutMs: 10_000,
      },
    });
    const mutation = mutationOf(state);

    const id = mutation.appendExternal(signal(mutation, 'wake'));

    expect(idsAndTypes(mutation.events)).toEqual([
      [6, 'WorkflowTaskScheduled'],
      [7, 'WorkflowExecutionSignaled'],
    ]);
    expect(id).toBe(7);
    expect(mutation.events[0]!.workflowTaskScheduledEventAttributes?.attempt).toBe(3);
    expect(mutation.state.workflowTask).toMatchObject({ transient: false, scheduledEventId: 6 });
  });

  it('adopts what a scratch mutation of the same state built', () => {
    const mutation = mutationOf(runningState({ nextEventId: 3 }));
    const scratch = new ExecutionMutation(mutation.state, mutation.now);
    scratch.append('markerRecorded', { markerName: 'patch' });
    scratch.addTimer(NOW + 1_000, { type: 'workflow-run-timeout' });
    scratch.consumeTimer('9');

    mutation.adopt(scratch);

    expect(mutation.events.map(typeName)).toEqual(['MarkerRecorded']);
    expect(mutation.state.nextEventId).toBe(4);
    expect(mutation.timers).toEqual([{ fireAtMs: NOW + 1_000, payload: { type: 'workflow-run-timeout' } }]);
    expect(mutation.consumedTimerIds).toEqual(['9']);
    expect(mutation.changed).toBe(true);
  });
});
