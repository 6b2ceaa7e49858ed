// A workflow that reacts to cancellation: it runs a cleanup activity, then reports itself cancelled.
import { CancellationScope, condition, isCancellation, proxyActivities } from '@temporalio/workflow';

const { cleanup } = proxyActivities<{ cleanup(reason: string): Promise<void> }>({
  startToCloseTimeout: '10s',
});

export async function cleanUpWhenCancelled(): Promise<never> {
  try {
    await condition(() => false);
    throw new Error('unreachable: the condition never holds');
  } catch (error) {
    if (!isCancellation(error)) throw error;
    await CancellationScope.nonCancellable(() => cleanup('workflow cancelled'));
    throw error;
  }
}
