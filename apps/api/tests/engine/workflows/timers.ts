// Timer workflows: a plain sleep, a timer cancelled through its scope, and condition timeouts.
import {
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  isCancellation,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export async function sleepFor(ms: number): Promise<string> {
  await sleep(ms);
  return 'woke up';
}

/** Sleeps `times` times for `ms` each: a cheap way to grow a history by five events a round. */
export async function sleepRepeatedly(times: number, ms: number): Promise<number> {
  for (let round = 0; round < times; round++) await sleep(ms);
  return times;
}

/**
 * Starts a one-hour timer in a scope, lets a short timer fire so the long one reaches the server in an
 * earlier workflow task, then cancels the scope.
 */
export async function cancelTimerInScope(): Promise<string> {
  const scope = new CancellationScope();
  const longSleep = scope.run(() => sleep('1 hour'));
  await sleep(50);
  scope.cancel();
  try {
    await longSleep;
    return 'long timer fired';
  } catch (error) {
    if (isCancellation(error)) return 'long timer cancelled';
    throw error;
  }
}

export const releaseSignal = defineSignal('release');
export const conditionPhaseQuery = defineQuery<string>('conditionPhase');

/** First a condition that times out, then one with a long timeout that a signal satisfies. */
export async function conditionWithTimeouts(): Promise<[boolean, boolean]> {
  let released = false;
  let phase = 'first';
  setHandler(releaseSignal, () => {
    released = true;
  });
  setHandler(conditionPhaseQuery, () => phase);
  const first = await condition(() => released, 200);
  phase = 'second';
  const second = await condition(() => released, '1 hour');
  return [first, second];
}
