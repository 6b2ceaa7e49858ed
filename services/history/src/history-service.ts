import type { Bus, Subscription } from '@kairos/bus';
import type { HistoryClient } from './client.ts';
import type { Logger } from '@kairos/telemetry';
import type pg from 'pg';
import type { EngineContext } from './engine/engine-context.ts';
import { RunLocks } from './engine/run-locks.ts';
import { RunNotifier } from './engine/run-notifier.ts';
import { HistoryEngine } from './history-engine.ts';
import { ExecutionStore } from './persistence/execution-store.ts';
import { OutboxRelay } from './queues/outbox-relay.ts';
import { TimerQueue } from './queues/timer-queue.ts';
import type { ShardOwnership } from './shards/shard-ownership.ts';
import { fireTimer } from './timers/fire-timer.ts';
import { startTransferConsumer } from './transfer/transfer-consumer.ts';
import { SearchAttributeLookups } from './visibility/search-attribute-lookups.ts';

export interface HistoryServiceOptions {
  pool: pg.Pool;
  bus: Bus;
  ownership: ShardOwnership;
  shardCount: number;
  logger: Logger;
  /**
   * Where transfer tasks (children, signals, cancels between workflows) are processed: the process
   * owning the target's shard. Cluster mode passes a RemoteHistoryClient; default: this engine.
   */
  transferRouter?: Pick<HistoryClient, 'processTransfer'>;
  /** Test hook for timer scanning cadence; production uses the defaults. */
  timerScanIntervalMs?: number;
}

export interface HistoryService {
  engine: HistoryEngine;
  /** Starts the outbox relay and the timer queue of the owned shards. */
  start(): void;
  stop(): Promise<void>;
}

/** Wires the engine to its store and background queues; the caller owns the pool, bus and leases. */
export function createHistoryService(options: HistoryServiceOptions): HistoryService {
  const store = new ExecutionStore(options.pool, options.ownership);
  const relay = new OutboxRelay({
    pool: options.pool,
    bus: options.bus,
    ownership: options.ownership,
    logger: options.logger,
  });
  // The timer queue fires through the engine context, and the context hands new timers to the queue.
  const timerHolder: { queue?: TimerQueue } = {};
  const searchAttributes = new SearchAttributeLookups(options.pool);
  const context: EngineContext = {
    store,
    ownership: options.ownership,
    shardCount: options.shardCount,
    locks: new RunLocks(),
    notifier: new RunNotifier(),
    logger: options.logger,
    now: () => Date.now(),
    committed: (_shardId, newTimers) => {
      relay.wake();
      if (newTimers.length > 0) timerHolder.queue?.add(newTimers);
    },
    searchAttributeLookup: (namespaceId) => searchAttributes.lookupFor(namespaceId),
  };
  const timerQueue = new TimerQueue({
    pool: options.pool,
    ownership: options.ownership,
    logger: options.logger,
    scanIntervalMs: options.timerScanIntervalMs,
    fire: (row) => fireTimer(context, row),
  });
  timerHolder.queue = timerQueue;
  // A shard that arrives (start-up, rebalance, a dead owner's lease expiring) has work waiting.
  options.ownership.onChange(({ owned }) => {
    // Long polls parked here for a shard that moved re-check ownership and send the caller elsewhere.
    if (!owned) {
      context.notifier.notifyAll();
      return;
    }
    relay.wake();
    timerQueue.scan();
  });
  const engine = new HistoryEngine(context);
  let transfers: Promise<Subscription | undefined> | undefined;
  return {
    engine,
    start() {
      relay.start();
      timerQueue.start();
      transfers = startTransferConsumer({
        bus: options.bus,
        router: options.transferRouter ?? engine,
        logger: options.logger,
      }).catch((error: unknown) => {
        options.logger.error({ err: error }, 'history transfer consumer did not start');
        return undefined;
      });
    },
    async stop() {
      await (await transfers)?.stop();
      await timerQueue.stop();
      await relay.stop();
    },
  };
}
