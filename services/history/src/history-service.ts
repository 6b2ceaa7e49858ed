import type { Bus } from '@kairos/bus';
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

export interface HistoryServiceOptions {
  pool: pg.Pool;
  bus: Bus;
  ownership: ShardOwnership;
  shardCount: number;
  logger: Logger;
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
  return {
    engine: new HistoryEngine(context),
    start() {
      relay.start();
      timerQueue.start();
    },
    async stop() {
      await timerQueue.stop();
      await relay.stop();
    },
  };
}
