import { topics, type Bus, type Subscription } from '@kairos/bus';
import type { Logger } from '@kairos/telemetry';
import type { HistoryClient } from '../client.ts';
import { transferTaskSchema, type TransferTask } from './transfer-task.ts';

/** Every history process joins this one group: each transfer task is handled by one of them. */
export const transferConsumerGroup = 'kairos-history-transfer';

export interface TransferConsumerOptions {
  bus: Bus;
  /** Routes a task to the process owning its target's shard (the engine itself when embedded). */
  router: Pick<HistoryClient, 'processTransfer'>;
  logger: Logger;
}

/**
 * Consumes `kairos.history.transfer`: each task, then the follow-ups it answers (a child's start
 * outcome for its parent, a signal's outcome for its sender), before the message is committed. A
 * failure (a shard between owners) throws, and the bus delivers the message again; every step is
 * idempotent, so work already done is not done twice. A message that is not a transfer task is
 * dropped with an error log: no redelivery could make it valid.
 */
export function startTransferConsumer(options: TransferConsumerOptions): Promise<Subscription> {
  return options.bus.subscribe({
    topic: topics.historyTransfer,
    groupId: transferConsumerGroup,
    handler: async (message) => {
      const parsed = transferTaskSchema.safeParse(parseJson(message.value.toString('utf8')));
      if (!parsed.success) {
        options.logger.error(
          { offset: message.offset, partition: message.partition, issues: parsed.error.issues },
          'dropping a malformed history transfer task',
        );
        return;
      }
      let pending: TransferTask[] = [parsed.data];
      while (pending.length > 0) {
        const next: TransferTask[] = [];
        for (const task of pending) next.push(...(await options.router.processTransfer(task)));
        pending = next;
      }
    },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
