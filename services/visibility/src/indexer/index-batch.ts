import type { Bus, DeliveredMessage } from '@kairos/bus';
import { InvalidArgument } from '@kairos/errors';
import type { CustomSearchAttributes } from '../query/index.ts';
import type { CustomAttributeSource, VisibilityRecord, VisibilityStore } from '../store/visibility-store.ts';
import { publishDeadLetters, runOfUndecodable, type DeadLetter } from './dead-letter.ts';
import type { IndexerMetrics } from './indexer-metrics.ts';
import { toVisibilityRecord } from './to-visibility-record.ts';
import {
  decodeVisibilityChange,
  PoisonVisibilityChange,
  type VisibilityChange,
} from './visibility-change.ts';

// One batch off `kairos.visibility`: decode, type, upsert in bulk, dead-letter what can never be
// indexed. It resolves only when every message is either in the store or on the dead-letter topic;
// anything else (store down, registry unreachable, dead-letter publish failed) throws, and the bus
// delivers the same batch again with capped backoff and commits nothing meanwhile. Redoing a batch
// is harmless: upserts are idempotent per version, and a dead letter published twice is a duplicate.

export interface IndexerLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface BatchIndexerOptions {
  bus: Bus;
  store: VisibilityStore;
  customAttributes: CustomAttributeSource;
  logger: IndexerLogger;
  metrics: IndexerMetrics;
  now?: () => number;
}

interface Pending {
  message: DeliveredMessage;
  change: VisibilityChange;
  record: VisibilityRecord;
}

export function createBatchIndexer(
  options: BatchIndexerOptions,
): (messages: DeliveredMessage[]) => Promise<void> {
  const now = options.now ?? Date.now;
  const { logger, metrics } = options;

  /**
   * Upserts; when the store refuses the batch as invalid (a document it can never take), halves it
   * until the refused records are alone, so one bad record does not hold back the others.
   */
  async function upsertSplitting(pending: readonly Pending[]): Promise<{ item: Pending; error: string }[]> {
    try {
      await options.store.upsert(pending.map((item) => item.record));
      return [];
    } catch (error) {
      if (!(error instanceof InvalidArgument)) throw error;
      const [only] = pending;
      if (pending.length === 1 && only !== undefined) return [{ item: only, error: error.message }];
      const middle = Math.ceil(pending.length / 2);
      return [
        ...(await upsertSplitting(pending.slice(0, middle))),
        ...(await upsertSplitting(pending.slice(middle))),
      ];
    }
  }

  return async (messages) => {
    metrics.batch(messages.length);
    const letters: DeadLetter[] = [];
    const decoded: { message: DeliveredMessage; change: VisibilityChange }[] = [];
    for (const message of messages) {
      try {
        decoded.push({ message, change: decodeVisibilityChange(message.value) });
      } catch (error) {
        if (!(error instanceof PoisonVisibilityChange)) throw error;
        letters.push({ message, reason: 'poison', error: error.message, run: runOfUndecodable(message) });
      }
    }
    const registries = new Map<string, CustomSearchAttributes>();
    for (const namespaceId of new Set(decoded.map(({ change }) => change.namespaceId))) {
      // Read per batch, not cached: an attribute registered a moment ago must be typed already.
      registries.set(namespaceId, await options.customAttributes.list(namespaceId));
    }
    const pending: Pending[] = [];
    for (const { message, change } of decoded) {
      const run = { namespaceId: change.namespaceId, workflowId: change.workflowId, runId: change.runId };
      try {
        const converted = toVisibilityRecord(change, registries.get(change.namespaceId) ?? {});
        for (const dropped of converted.dropped) {
          const fields = { ...run, attribute: dropped.name, problem: dropped.problem };
          if (dropped.reason === 'unregistered') logger.debug(fields, 'search attribute not indexed');
          else logger.warn(fields, 'search attribute value not indexed');
        }
        pending.push({ message, change, record: converted.record });
      } catch (error) {
        if (!(error instanceof PoisonVisibilityChange)) throw error;
        letters.push({ message, reason: 'poison', error: error.message, run });
      }
    }
    const refused = pending.length === 0 ? [] : await upsertSplitting(pending);
    for (const { item, error } of refused) {
      const { namespaceId, workflowId, runId } = item.change;
      letters.push({
        message: item.message,
        reason: 'refused',
        error,
        run: { namespaceId, workflowId, runId },
      });
    }
    await publishDeadLetters(options.bus, letters, new Date(now()));
    for (const letter of letters) {
      metrics.deadLettered(letter.reason);
      logger.error(
        {
          ...letter.run,
          reason: letter.reason,
          error: letter.error,
          partition: letter.message.partition,
          offset: letter.message.offset,
        },
        'visibility change sent to the dead-letter topic',
      );
    }
    const refusedItems = new Set(refused.map(({ item }) => item));
    const indexed = pending.filter((item) => !refusedItems.has(item));
    metrics.indexed(indexed.length);
    const indexedAt = now();
    for (const { change } of indexed) metrics.lag((indexedAt - change.changedAtMs) / 1000);
  };
}
