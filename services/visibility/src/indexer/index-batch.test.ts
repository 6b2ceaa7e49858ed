import { MemoryBus, topics, type DeliveredMessage } from '@kairos/bus';
import { Unavailable } from '@kairos/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisibilityRecord, VisibilityStore } from '../store/visibility-store.ts';
import { createBatchIndexer } from './index-batch.ts';
import type { IndexerMetrics } from './indexer-metrics.ts';
import { encodeVisibilityChange, type VisibilityChange } from './visibility-change.ts';

// The batch step alone, with a recording store and metrics: what is counted and what is left
// uncommitted. End to end on real stores and buses: tests/indexer.test.ts.

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const changedAtMs = Date.parse('2026-11-23T10:00:00Z');

function delivered(value: string, offset: number): DeliveredMessage {
  return {
    topic: topics.visibility,
    partition: 0,
    offset: String(offset),
    key: 'ns/wf',
    value: Buffer.from(value),
    headers: {},
    attempt: 1,
  };
}

const change = (runId: string): VisibilityChange => ({
  format: 1,
  namespaceId: 'ns',
  workflowId: 'wf',
  runId,
  workflowType: 't',
  status: 'Running',
  startTimeMs: changedAtMs,
  executionTimeMs: changedAtMs,
  closeTimeMs: null,
  taskQueue: 'q',
  historyLength: 2,
  historySizeBytes: 10,
  stateTransitionCount: 1,
  parentWorkflowId: null,
  parentRunId: null,
  rootWorkflowId: null,
  rootRunId: null,
  memo: null,
  searchAttributes: null,
  version: '1',
  changedAtMs,
});

function recordingMetrics() {
  const seen = { batches: [] as number[], indexed: 0, dead: [] as string[], lags: [] as number[] };
  const metrics: IndexerMetrics = {
    batch: (messages) => void seen.batches.push(messages),
    indexed: (records) => void (seen.indexed += records),
    deadLettered: (reason) => void seen.dead.push(reason),
    lag: (seconds) => void seen.lags.push(seconds),
  };
  return { seen, metrics };
}

function recordingStore(): VisibilityStore & { written: VisibilityRecord[] } {
  const written: VisibilityRecord[] = [];
  return {
    written,
    upsert: async (records) => void written.push(...records),
    deleteRun: async () => undefined,
    list: async () => ({ records: [], nextPageToken: new Uint8Array() }),
    scan: async () => ({ records: [], nextPageToken: new Uint8Array() }),
    count: async () => ({ count: 0, groups: [] }),
    close: async () => undefined,
  };
}

describe('createBatchIndexer', () => {
  const bus = new MemoryBus();
  afterEach(() => vi.restoreAllMocks());

  it('counts the batch, the indexed records, the dead letters and the lag of each record', async () => {
    const { seen, metrics } = recordingMetrics();
    const store = recordingStore();
    const publish = vi.spyOn(bus, 'publish');
    const index = createBatchIndexer({
      bus,
      store,
      customAttributes: { list: async () => ({}) },
      logger: silent,
      metrics,
      now: () => changedAtMs + 1_500,
    });
    await index([
      delivered(encodeVisibilityChange(change('r1')), 0),
      delivered('{', 1),
      delivered(encodeVisibilityChange(change('r2')), 2),
    ]);
    expect(store.written.map((record) => record.runId)).toEqual(['r1', 'r2']);
    expect(seen).toEqual({ batches: [3], indexed: 2, dead: ['poison'], lags: [1.5, 1.5] });
    expect(publish).toHaveBeenCalledWith(topics.visibilityDeadLetter, [
      expect.objectContaining({ key: 'ns/wf', value: Buffer.from('{') }),
    ]);
  });

  it('throws (so the bus redelivers) when the registry cannot be read, writing and dead-lettering nothing', async () => {
    const { seen, metrics } = recordingMetrics();
    const store = recordingStore();
    const publish = vi.spyOn(bus, 'publish');
    const index = createBatchIndexer({
      bus,
      store,
      customAttributes: {
        list: async () => {
          throw new Unavailable('database unreachable');
        },
      },
      logger: silent,
      metrics,
    });
    await expect(
      index([delivered(encodeVisibilityChange(change('r1')), 0), delivered('{', 1)]),
    ).rejects.toBeInstanceOf(Unavailable);
    expect(store.written).toEqual([]);
    expect(publish).not.toHaveBeenCalled();
    expect(seen.dead).toEqual([]);
  });
});
