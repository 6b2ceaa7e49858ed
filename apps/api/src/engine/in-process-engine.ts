import type { Bus } from '@kairos/bus';
import { createHistoryService, ShardLeases } from '@kairos/history';
import type { HistoryClient } from '@kairos/history/client';
import { startMatchingService } from '@kairos/matching';
import type { MatchingClient } from '@kairos/matching/client';
import type { Logger } from '@kairos/telemetry';
import { PostgresVisibilityStore, SearchAttributeRegistry, startVisibilityIndexer } from '@kairos/visibility';
import { createDatabasePool } from '@kairos/db';

export interface InProcessEngineOptions {
  databaseUrl: string;
  bus: Bus;
  logger: Logger;
  /** History shards; fixed for the life of the database (embedded default 16). */
  shardCount: number;
  /** Matching's long-poll window (Temporal's is about a minute); tests shorten it. */
  longPollMs?: number;
}

export interface InProcessEngine {
  history: HistoryClient;
  matching: MatchingClient;
  stop(): Promise<void>;
}

/**
 * History and matching inside the api's process (embedded mode, `npm start`): this process owns every
 * shard, the clients are direct calls, and tasks still travel history → outbox → bus → matching.
 */
export async function startInProcessEngine(options: InProcessEngineOptions): Promise<InProcessEngine> {
  const pool = createDatabasePool(options.databaseUrl, { max: 20, logger: options.logger });
  const leases = new ShardLeases({
    pool,
    shardCount: options.shardCount,
    // A stable identity: after a crash the restarted process takes its shards back at once.
    owner: 'embedded',
    ownerAddress: undefined,
    logger: options.logger,
  });
  const stops: (() => Promise<void>)[] = [() => pool.end()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    await leases.start();
    stops.push(() => leases.stop());
    const history = createHistoryService({
      pool,
      bus: options.bus,
      ownership: leases,
      shardCount: options.shardCount,
      logger: options.logger,
    });
    history.start();
    stops.push(() => history.stop());
    const matching = await startMatchingService({
      pool,
      bus: options.bus,
      history: history.engine,
      logger: options.logger,
      longPollMs: options.longPollMs,
    });
    stops.push(() => matching.stop());
    // Visibility records go history → bus → indexer → visibility_records in this same database.
    const registry = new SearchAttributeRegistry(pool);
    const indexer = await startVisibilityIndexer({
      bus: options.bus,
      store: new PostgresVisibilityStore({ pool, customAttributes: registry }),
      customAttributes: registry,
      logger: options.logger,
    });
    stops.push(() => indexer.stop());
    return { history: history.engine, matching: matching.engine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
