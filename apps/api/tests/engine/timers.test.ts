import { randomUUID } from 'node:crypto';
import { durationToMs, int64ToNumber, timestampToMs } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventId, eventsOfType, eventTypes, onlyEventOfType } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import {
  cancelTimerInScope,
  conditionPhaseQuery,
  conditionWithTimeouts,
  releaseSignal,
  sleepFor,
} from './workflows/timers.ts';

describe('timers', () => {
  const env = useEngineTestEnv();

  it('fires a timer after its duration, with TimerStarted and TimerFired in history', async () => {
    const taskQueue = env.taskQueue('timer-sleep');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(sleepFor, {
        taskQueue,
        workflowId: `timer-sleep-${randomUUID()}`,
        args: [300],
      });
      expect(await handle.result()).toBe('woke up');

      const events = (await handle.fetchHistory()).events;
      const started = onlyEventOfType(events, 'TimerStarted');
      const fired = onlyEventOfType(events, 'TimerFired');
      expect(durationToMs(started.timerStartedEventAttributes?.startToFireTimeout)).toBe(300);
      expect(fired.timerFiredEventAttributes?.timerId).toBe(started.timerStartedEventAttributes?.timerId);
      expect(int64ToNumber(fired.timerFiredEventAttributes?.startedEventId)).toBe(eventId(started));
      const waited = timestampToMs(fired.eventTime)! - timestampToMs(started.eventTime)!;
      expect(waited).toBeGreaterThanOrEqual(300);
      expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionCompleted');
    });
  });

  it('cancels a timer whose cancellation scope is cancelled, recording TimerCanceled', async () => {
    const taskQueue = env.taskQueue('timer-cancel');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(cancelTimerInScope, {
        taskQueue,
        workflowId: `timer-cancel-${randomUUID()}`,
      });
      expect(await handle.result()).toBe('long timer cancelled');

      const events = (await handle.fetchHistory()).events;
      const [longTimer, shortTimer] = eventsOfType(events, 'TimerStarted');
      expect(durationToMs(longTimer?.timerStartedEventAttributes?.startToFireTimeout)).toBe(3_600_000);
      expect(durationToMs(shortTimer?.timerStartedEventAttributes?.startToFireTimeout)).toBe(50);
      const fired = onlyEventOfType(events, 'TimerFired').timerFiredEventAttributes!;
      expect(fired.timerId).toBe(shortTimer?.timerStartedEventAttributes?.timerId);
      const canceled = onlyEventOfType(events, 'TimerCanceled').timerCanceledEventAttributes!;
      expect(canceled.timerId).toBe(longTimer?.timerStartedEventAttributes?.timerId);
      expect(int64ToNumber(canceled.startedEventId)).toBe(eventId(longTimer!));
    });
  });

  it('resolves condition(fn, timeout) false on timeout and true when the condition holds first', async () => {
    const taskQueue = env.taskQueue('timer-condition');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(conditionWithTimeouts, {
        taskQueue,
        workflowId: `timer-condition-${randomUUID()}`,
      });
      await waitUntil('the first condition to time out', async () => {
        return (await handle.query(conditionPhaseQuery)) === 'second';
      });
      await handle.signal(releaseSignal);
      expect(await handle.result()).toEqual([false, true]);

      const events = (await handle.fetchHistory()).events;
      const [firstTimer, secondTimer] = eventsOfType(events, 'TimerStarted');
      expect(durationToMs(firstTimer?.timerStartedEventAttributes?.startToFireTimeout)).toBe(200);
      expect(durationToMs(secondTimer?.timerStartedEventAttributes?.startToFireTimeout)).toBe(3_600_000);
      // The first condition's timer fired; the second one's was cancelled when the signal satisfied it.
      expect(onlyEventOfType(events, 'TimerFired').timerFiredEventAttributes?.timerId).toBe(
        firstTimer?.timerStartedEventAttributes?.timerId,
      );
      expect(onlyEventOfType(events, 'TimerCanceled').timerCanceledEventAttributes?.timerId).toBe(
        secondTimer?.timerStartedEventAttributes?.timerId,
      );
      expect(eventTypes(events)).toContain('WorkflowExecutionSignaled');
    });
  });
});
