import { topics, type Bus } from '@kairos/bus';
import type { Meter } from '@opentelemetry/api';
import type { CustomAttributeSource, VisibilityStore } from '../store/visibility-store.ts';
import { createBatchIndexer, type IndexerLogger } from './index-batch.ts';
import { createIndexerMetrics } from './indexer-metrics.ts';

// The visibility indexer: a consumer group on `kairos.visibility` that keeps a VisibilityStore up to
// date. Embedded mode runs it inside the api's process (MemoryBus, Postgres store); cluster mode in
// its own process (src/main.ts: Kafka, OpenSearch).
//
// Why the bus's batch subscription and not micro-batching inside a per-message handler: the bus hands
// a handler one message per partition at a time (Kafka: one partition at a time), so a handler-side
// batch could never grow past the partition count without acking messages it had not yet written,
// which would break at-least-once. A batch subscription gets up to MAX_BATCH_SIZE consecutive messages
// and commits them only after the handler resolved. While the store fails, the bus redelivers the
// same batch with capped exponential backoff (100 ms doubling to 5 s) and fetches nothing further for
// that partition, so consumption pauses instead of buffering; nothing is committed, nothing is lost.

export const VISIBILITY_INDEXER_GROUP = 'visibility-indexer';
/** Records per bulk upsert: one OpenSearch bulk request of a few hundred KB. */
export const MAX_BATCH_SIZE = 500;

export interface VisibilityIndexerOptions {
  bus: Bus;
  store: VisibilityStore;
  /** The namespace's custom search attributes, to type values (the SearchAttributeRegistry). */
  customAttributes: CustomAttributeSource;
  logger: IndexerLogger;
  /** Default `visibility-indexer`. */
  groupId?: string;
  maxBatchSize?: number;
  /** Default: the process's global meter (what startTelemetry registered). */
  meter?: Meter;
}

export interface VisibilityIndexer {
  /** Finishes the batch in hand (or abandons its retries, uncommitted) and leaves the group. */
  stop(): Promise<void>;
}

export async function startVisibilityIndexer(options: VisibilityIndexerOptions): Promise<VisibilityIndexer> {
  const { logger } = options;
  const indexBatch = createBatchIndexer({
    bus: options.bus,
    store: options.store,
    customAttributes: options.customAttributes,
    logger,
    metrics: createIndexerMetrics(options.meter),
  });
  const subscription = await options.bus.subscribe({
    topic: topics.visibility,
    groupId: options.groupId ?? VISIBILITY_INDEXER_GROUP,
    maxBatchSize: options.maxBatchSize ?? MAX_BATCH_SIZE,
    batchHandler: async (messages) => {
      try {
        await indexBatch(messages);
      } catch (error) {
        const first = messages[0];
        logger.warn(
          {
            err: error,
            partition: first?.partition,
            offset: first?.offset,
            messages: messages.length,
            attempt: first?.attempt,
          },
          'visibility batch not indexed; it will be delivered again (nothing committed)',
        );
        throw error;
      }
    },
  });
  return { stop: () => subscription.stop() };
}
