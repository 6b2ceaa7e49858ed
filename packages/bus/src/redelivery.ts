import {
  DEFAULT_MAX_BATCH_SIZE,
  type BatchHandler,
  type BatchSubscribeOptions,
  type DeliveredMessage,
  type SubscribeOptions,
} from './bus.ts';

export const firstRetryDelayMs = 100;
export const maxRetryDelayMs = 5_000;

/** Exponential backoff between redeliveries of a failing message: 100 ms, 200 ms, … capped at 5 s. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * Runs the handler until it succeeds, redelivering the same messages with backoff. Returns false if
 * `shouldContinue` turned false first (the consumer is stopping): the messages stay uncommitted and
 * are delivered again to whoever owns the partition next.
 */
export async function deliverUntilHandled(
  messages: Omit<DeliveredMessage, 'attempt'>[],
  handler: BatchHandler,
  options: {
    shouldContinue: () => boolean;
    onFailure: (error: unknown, attempt: number) => void;
    wait: (ms: number) => Promise<void>;
  },
): Promise<boolean> {
  for (let attempt = 1; options.shouldContinue(); attempt++) {
    try {
      await handler(messages.map((message) => ({ ...message, attempt })));
      return true;
    } catch (error) {
      options.onFailure(error, attempt);
      await options.wait(retryDelayMs(attempt));
    }
  }
  return false;
}

/** Both subscription kinds as one batch handler and its batch size (1 for a message handler). */
export function batchHandlerOf(options: SubscribeOptions | BatchSubscribeOptions): {
  handler: BatchHandler;
  maxBatchSize: number;
} {
  if ('batchHandler' in options) {
    return {
      handler: options.batchHandler,
      maxBatchSize: Math.max(1, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE),
    };
  }
  return {
    handler: async (messages) => {
      for (const message of messages) await options.handler(message);
    },
    maxBatchSize: 1,
  };
}

/** Sleeps `ms`, or less if the signal aborts first (a stopping consumer must not sit out a backoff). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
