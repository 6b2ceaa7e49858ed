// Workflows of the race tests: signals and activity completions that land while workflow tasks run.
import { defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export const raceSignal = defineSignal<[number]>('race');

/**
 * Starts 1 ms timers back to back, so the worker keeps completing workflow tasks, until it has seen
 * `expected` race signals; returns them in the order it saw them.
 */
export async function collectSignalsWhileBusy(expected: number): Promise<number[]> {
  const received: number[] = [];
  setHandler(raceSignal, (value) => {
    received.push(value);
  });
  while (received.length < expected) await sleep(1);
  return received;
}

/** Schedules one `pause(ms)` activity per delay, all at once, and returns their results in order. */
export async function pauseAll(delaysMs: number[]): Promise<string[]> {
  const { pause } = proxyActivities<{ pause(ms: number, index: number): Promise<string> }>({
    startToCloseTimeout: '20s',
  });
  return Promise.all(delaysMs.map((ms, index) => pause(ms, index)));
}
