// Workflows that call activities the test file registers, by name, with options chosen by the test.
import {
  ActivityCancellationType,
  CancellationScope,
  defineSignal,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  type ActivityOptions,
  type LocalActivityOptions,
} from '@temporalio/workflow';

type AnyActivity = (...args: unknown[]) => Promise<unknown>;

export interface ActivityCall {
  name: string;
  args?: unknown[];
  options: ActivityOptions;
}

export interface LocalActivityCall {
  name: string;
  args?: unknown[];
  options: LocalActivityOptions;
}

export async function runActivity(call: ActivityCall): Promise<unknown> {
  const activity = proxyActivities<Record<string, AnyActivity>>(call.options)[call.name]!;
  return activity(...(call.args ?? []));
}

export async function runLocalActivity(call: LocalActivityCall): Promise<unknown> {
  const activity = proxyLocalActivities<Record<string, AnyActivity>>(call.options)[call.name]!;
  return activity(...(call.args ?? []));
}

export const cancelActivitySignal = defineSignal('cancelActivity');

/**
 * Runs `heartbeatUntilCancelled` in a cancellation scope and cancels the scope when signalled, waiting
 * for the worker to confirm the cancellation (so ActivityTaskCanceled lands in history).
 */
export async function cancelActivityOnSignal(): Promise<string> {
  const scope = new CancellationScope();
  setHandler(cancelActivitySignal, () => scope.cancel());
  const { heartbeatUntilCancelled } = proxyActivities<{ heartbeatUntilCancelled(): Promise<string> }>({
    startToCloseTimeout: '30s',
    heartbeatTimeout: '5s',
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { maximumAttempts: 1 },
  });
  try {
    return await scope.run(() => heartbeatUntilCancelled());
  } catch (error) {
    if (isCancellation(error)) return 'activity cancelled';
    throw error;
  }
}
