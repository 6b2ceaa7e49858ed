import { metrics, type Meter } from '@opentelemetry/api';

// What the indexer reports to Prometheus. Without a meter it uses the process's global one, which
// startTelemetry registers (a no-op meter in processes without telemetry, such as unit tests).

export type DeadLetterReason = 'poison' | 'refused';

export interface IndexerMetrics {
  indexed(records: number): void;
  deadLettered(reason: DeadLetterReason): void;
  /** Seconds from history's commit of a change to the store accepting it. */
  lag(seconds: number): void;
  batch(messages: number): void;
}

export function createIndexerMetrics(meter: Meter = metrics.getMeter('kairos-visibility')): IndexerMetrics {
  const indexed = meter.createCounter('kairos_visibility_indexed_records', {
    description: 'Visibility records written to the store (duplicates and stale versions included)',
  });
  const deadLetters = meter.createCounter('kairos_visibility_dead_letters', {
    description: 'Visibility changes sent to kairos.visibility.dead-letter, by reason (poison, refused)',
  });
  const lag = meter.createHistogram('kairos_visibility_indexing_lag_seconds', {
    description: 'Time from history committing a visibility change to the store accepting it',
    unit: 's',
    advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] },
  });
  const batchSize = meter.createHistogram('kairos_visibility_batch_size', {
    description: 'Messages per batch the indexer took off the bus',
    advice: { explicitBucketBoundaries: [1, 2, 5, 10, 25, 50, 100, 250, 500] },
  });
  return {
    indexed: (records) => indexed.add(records),
    deadLettered: (reason) => deadLetters.add(1, { reason }),
    lag: (seconds) => lag.record(Math.max(0, seconds)),
    batch: (messages) => batchSize.record(messages),
  };
}
