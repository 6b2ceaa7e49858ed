// Workflows of the cluster crash tests (bundled by support/crash-bundle.ts, not the engine suite's bundle).
import { proxyActivities, sleep } from '@temporalio/workflow';

export interface CrashActivities {
  step(name: string): Promise<string>;
}

const { step } = proxyActivities<CrashActivities>({
  // An attempt lost with a killed matching process (started, never handed to the worker) is retried
  // after this; one whose completion waits for a killed history process's shard (lease expiry 10 s)
  // may time out too, which the test tolerates: history then records the attempt that completed.
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 1 },
});

/** An activity, a durable timer, another activity: a task of every kind in flight at any moment. */
export async function activityTimerActivity(sleepMs: number): Promise<string[]> {
  const first = await step('first');
  await sleep(sleepMs);
  const second = await step('second');
  return [first, second];
}
