import { randomUUID } from 'node:crypto';
import { int64ToNumber } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, eventTypes } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import { historyProblems } from './support/well-formed-history.ts';
import { collectSignalsWhileBusy, pauseAll, raceSignal } from './workflows/races.ts';

// Each race runs several times on fresh workflow ids: a race lost once in five runs still fails here.
const iterations = 5;
const signalsPerWave = 5;

describe('races: events that arrive while workflow tasks run', () => {
  const env = useEngineTestEnv();

  it('delivers 50 signals, sent in concurrent waves, exactly once, in history order, while tasks keep completing', async () => {
    const count = 50;
    const taskQueue = env.taskQueue('signal-race');
    let heldBack = 0;
    await env.runWorker({ taskQueue }, async () => {
      for (let iteration = 0; iteration < iterations; iteration++) {
        const handle = await env.client.workflow.start(collectSignalsWhileBusy, {
          taskQueue,
          workflowId: `signal-race-${iteration}-${randomUUID()}`,
          args: [count],
        });
        // Signals race tasks already under way, not only the first one.
        await waitUntil('the workflow to fire its first timer', async () =>
          eventTypes((await handle.fetchHistory()).events).includes('TimerFired'),
        );
        const values = Array.from({ length: count }, (_, index) => index);
        // Waves of concurrent signals, one wave after another: a single burst of 50 can land whole
        // before the next task starts on a slow machine, and then nothing races; ten waves spread
        // over the workflow's busy loop give each iteration ten chances to hit a running task.
        for (let start = 0; start < count; start += signalsPerWave) {
          const wave = values.slice(start, start + signalsPerWave);
          await Promise.all(wave.map((value) => handle.signal(raceSignal, value)));
        }
        const seen = await handle.result();
        const events = (await handle.fetchHistory()).events ?? [];

        expect(historyProblems(events), eventTypes(events).join(', ')).toEqual([]);
        const signaled = eventsOfType(events, 'WorkflowExecutionSignaled').map(
          (event) => decodePayloads(event.workflowExecutionSignaledEventAttributes?.input)[0],
        );
        expect([...signaled].sort((a, b) => Number(a) - Number(b))).toEqual(values);
        expect(seen).toEqual(signaled);
        heldBack += heldBackDuringTasks(eventTypes(events), 'WorkflowExecutionSignaled');
      }
    });
    // The race happened: some signals arrived while a workflow task was running.
    expect(heldBack).toBeGreaterThan(0);
  }, 90_000);

  it('records every activity completion that lands during a workflow task exactly once', async () => {
    // Ten activities at once, finishing 15 ms apart: completions arrive while the worker is busy
    // with the workflow task the previous completion scheduled.
    const delays = [0, 15, 30, 45, 60, 75, 90, 105, 120, 135].reverse();
    const taskQueue = env.taskQueue('activity-race');
    const activities = {
      async pause(ms: number, index: number): Promise<string> {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return `activity ${index} after ${ms} ms`;
      },
    };
    let bufferedCompletions = 0;
    await env.runWorker({ taskQueue, activities }, async () => {
      for (let iteration = 0; iteration < iterations; iteration++) {
        const handle = await env.client.workflow.start(pauseAll, {
          taskQueue,
          workflowId: `activity-race-${iteration}-${randomUUID()}`,
          args: [delays],
        });
        expect(await handle.result()).toEqual(delays.map((ms, index) => `activity ${index} after ${ms} ms`));
        const events = (await handle.fetchHistory()).events ?? [];

        expect(historyProblems(events), eventTypes(events).join(', ')).toEqual([]);
        const scheduled = eventsOfType(events, 'ActivityTaskScheduled');
        expect(scheduled).toHaveLength(delays.length);
        const completedFor = eventsOfType(events, 'ActivityTaskCompleted').map((event) =>
          int64ToNumber(event.activityTaskCompletedEventAttributes?.scheduledEventId),
        );
        expect(completedFor.sort((a, b) => a - b)).toEqual(
          scheduled.map((event) => int64ToNumber(event.eventId)),
        );
        expect(eventsOfType(events, 'ActivityTaskStarted')).toHaveLength(delays.length);
        bufferedCompletions += heldBackDuringTasks(eventTypes(events), 'ActivityTaskCompleted');
      }
    });
    // The race happened: some completions arrived while a workflow task was running.
    expect(bufferedCompletions).toBeGreaterThan(0);
  }, 90_000);
});

/**
 * Events of `type` that arrived while a workflow task was started: the engine holds them back until
 * the task completes. Without a task running, the first such event schedules a workflow task at once,
 * so two in a row after a WorkflowTaskCompleted mean the second one waited for the task.
 */
function heldBackDuringTasks(types: string[], type: string): number {
  let heldBack = 0;
  let sinceTaskCompleted: number | undefined;
  for (const each of types) {
    if (each === 'WorkflowTaskCompleted') sinceTaskCompleted = 0;
    else if (each === 'WorkflowTaskScheduled') sinceTaskCompleted = undefined;
    else if (each === type && sinceTaskCompleted !== undefined) {
      sinceTaskCompleted += 1;
      if (sinceTaskCompleted > 1) heldBack += 1;
    }
  }
  return heldBack;
}
