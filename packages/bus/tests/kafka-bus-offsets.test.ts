import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KafkaBus } from '../src/kafka-bus.ts';

// Real Kafka (infra/kafka/up). How KafkaBus drives kafkajs' eachBatch: per-chunk commits, and a member
// that loses its partitions in a rebalance stops handling them (no duplicate concurrent handling).
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

describe('KafkaBus offsets and rebalances', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  const newBus = (partitionsPerTopic: number) => {
    const bus = new KafkaBus({ brokers, clientId: 'offsets', sessionTimeoutMs: 6_000, partitionsPerTopic });
    cleanups.push(() => bus.close());
    return bus;
  };
  const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

  it('commits each handled chunk of a fetch at once, not after the whole fetch', async () => {
    const bus = newBus(1);
    const topic = unique('chunk-commit');
    const groupId = unique('g');
    // One publish: one record batch, so all six messages arrive in one fetch, as two chunks of three.
    await bus.publish(
      topic,
      Array.from({ length: 6 }, (_, index) => ({ key: 'one-partition', value: String(index) })),
    );
    const deliveries: { values: string[]; attempt: number }[] = [];
    await bus.subscribe({
      topic,
      groupId,
      maxBatchSize: 3,
      batchHandler: async (messages) => {
        const values = messages.map((message) => message.value.toString());
        deliveries.push({ values, attempt: messages[0]!.attempt });
        if (!values.includes('0')) throw new Error('sink down for the second chunk');
      },
    });
    // The second chunk is being retried: the first chunk's handler resolved before it started.
    await vi.waitFor(
      () => expect(deliveries.filter((d) => d.values.includes('3')).length).toBeGreaterThan(1),
      {
        timeout: 20_000,
        interval: 25,
      },
    );
    expect(deliveries[0]).toEqual({ values: ['0', '1', '2'], attempt: 1 });

    const admin = new Kafka({ brokers, clientId: 'offsets-check', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    // Committed while the fetch is still in progress: a crash now would not redeliver the first chunk.
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '3' })]);
  }, 40_000);

  it('a member retrying a failing message stops and rejoins on a rebalance, leaving the partition to its new owner', async () => {
    const bus = newBus(2);
    const topic = unique('rebalance');
    const groupId = unique('g');
    // Fixed keys: Kafka's murmur2 spreads these over both partitions.
    await bus.publish(
      topic,
      Array.from({ length: 20 }, (_, index) => ({ key: `k${index}`, value: `k${index}` })),
    );
    const calls: { member: 'a' | 'b'; partition: number }[] = [];
    // Member a never manages to handle anything: it sits in the retry loop of its first message.
    await bus.subscribe({
      topic,
      groupId,
      handler: async (message) => {
        calls.push({ member: 'a', partition: message.partition });
        throw new Error('a cannot handle it');
      },
    });
    await vi.waitFor(() => expect(calls.length).toBeGreaterThan(2), { timeout: 20_000, interval: 25 });
    // Member b joins: the group rebalances and gives b one of the two partitions.
    await bus.subscribe({
      topic,
      groupId,
      handler: async (message) => void calls.push({ member: 'b', partition: message.partition }),
    });
    const firstOfB = () => calls.findIndex((call) => call.member === 'b');
    // a has rejoined and goes on retrying in its own partition (a member that missed the rebalance
    // would instead retry its old message every 5 s, in the partition b owns by then).
    await vi.waitFor(
      () => {
        expect(firstOfB()).toBeGreaterThanOrEqual(0);
        expect(calls.slice(firstOfB()).filter((call) => call.member === 'a').length).toBeGreaterThan(2);
      },
      { timeout: 40_000, interval: 25 },
    );
    const partitionsOfB = new Set(calls.filter((call) => call.member === 'b').map((call) => call.partition));
    const aInPartitionsOfB = calls
      .slice(firstOfB())
      .filter((call) => call.member === 'a' && partitionsOfB.has(call.partition));
    expect(aInPartitionsOfB).toEqual([]);
  }, 60_000);
});
