import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus, DeliveredMessage, Subscription } from './bus.ts';

/**
 * The one contract every Bus implementation passes (bus.ts states the guarantees). Run it from a
 * test file with a harness for the implementation; see memory-bus.test.ts and tests/kafka-bus.test.ts.
 */
export interface BusContractHarness {
  createBus(): Bus;
  /**
   * Runs a consumer of `groupId` that receives one message and dies before committing it (for Kafka:
   * a child process killed with SIGKILL). Resolves with the key it received once it is dead.
   */
  runConsumerThatCrashes(bus: Bus, topic: string, groupId: string): Promise<string>;
  /** How long one delivery may take here, rebalances and session timeouts included. */
  deliveryTimeoutMs: number;
}

export function runBusContract(name: string, harness: BusContractHarness): void {
  describe(`Bus contract: ${name}`, () => {
    const opened: Bus[] = [];
    const subscriptions: Subscription[] = [];
    const newBus = () => {
      const bus = harness.createBus();
      opened.push(bus);
      return bus;
    };
    const uniqueTopic = () => `contract-${randomUUID().slice(0, 8)}`;
    const timeout = harness.deliveryTimeoutMs;

    /** Subscribes and returns the live list of what the handler saw. */
    async function collect(
      bus: Bus,
      topic: string,
      groupId: string,
      handle: (message: DeliveredMessage) => Promise<void> = async () => undefined,
    ): Promise<{ seen: DeliveredMessage[]; subscription: Subscription }> {
      const seen: DeliveredMessage[] = [];
      const subscription = await bus.subscribe({
        topic,
        groupId,
        handler: async (message) => {
          seen.push(message);
          await handle(message);
        },
      });
      subscriptions.push(subscription);
      return { seen, subscription };
    }

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await Promise.all(opened.splice(0).map((bus) => bus.close()));
    });

    it(
      'delivers messages published before the group subscribed, with value and headers intact',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        const binary = Uint8Array.from({ length: 256 }, (_, index) => index);
        await bus.publish(topic, [
          { key: 'a', value: 'hello', headers: { 'content-type': 'text/plain' } },
          { key: 'b', value: binary },
        ]);
        const { seen } = await collect(bus, topic, 'g');
        await waitUntil(() => seen.length >= 2, timeout);
        const byKey = new Map(seen.map((message) => [message.key, message]));
        expect(byKey.get('a')?.value.toString('utf8')).toBe('hello');
        expect(byKey.get('a')?.headers['content-type']).toBe('text/plain');
        expect([...byKey.get('b')!.value]).toEqual([...binary]);
        expect(byKey.get('a')?.attempt).toBe(1);
        expect(byKey.get('a')?.topic).toBe(topic);
      },
      timeout * 2,
    );

    it(
      'keeps publish order per key',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        const keys = ['queue-1', 'queue-2', 'queue-3'];
        const { seen } = await collect(bus, topic, 'g');
        for (let round = 0; round < 30; round++) {
          await bus.publish(
            topic,
            keys.map((key) => ({ key, value: String(round) })),
          );
        }
        await waitUntil(() => seen.length >= 90, timeout);
        for (const key of keys) {
          const order = seen
            .filter((message) => message.key === key)
            .map((message) => Number(message.value.toString()));
          expect(order).toEqual(Array.from({ length: 30 }, (_, index) => index));
        }
      },
      timeout * 2,
    );

    it(
      'gives every consumer group every message',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        const first = await collect(bus, topic, 'matching');
        const second = await collect(bus, topic, 'visibility');
        await bus.publish(
          topic,
          Array.from({ length: 10 }, (_, index) => ({ key: `k${index}`, value: `${index}` })),
        );
        await waitUntil(() => first.seen.length >= 10 && second.seen.length >= 10, timeout);
        expect(new Set(first.seen.map((m) => m.key)).size).toBe(10);
        expect(new Set(second.seen.map((m) => m.key)).size).toBe(10);
      },
      timeout * 2,
    );

    it(
      'splits a group’s partitions between its members',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        const one = await collect(bus, topic, 'g');
        const two = await collect(bus, topic, 'g');
        const published: string[] = [];
        // Publish until both members have work: Kafka assigns partitions only after the rebalance.
        await waitUntil(async () => {
          const batch = Array.from({ length: 8 }, (_, index) => `m${published.length + index}`);
          published.push(...batch);
          await bus.publish(
            topic,
            batch.map((key) => ({ key, value: key })),
          );
          return one.seen.length > 0 && two.seen.length > 0;
        }, timeout * 2);
        await waitUntil(
          () => new Set([...one.seen, ...two.seen].map((m) => m.key)).size === published.length,
          timeout,
        );
        const keysOfOne = new Set(one.seen.map((m) => m.key));
        const keysOfTwo = new Set(two.seen.map((m) => m.key));
        const handledByBoth = [...keysOfOne].filter((key) => keysOfTwo.has(key));
        // At-least-once allows a message to reach both only around a rebalance; never most of them.
        expect(handledByBoth.length).toBeLessThan(published.length / 2);
      },
      timeout * 4,
    );

    it(
      'redelivers a message whose handler failed before anything after it in the partition',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        let failuresLeft = 2;
        const { seen } = await collect(bus, topic, 'g', async (message) => {
          if (message.value.toString() === 'first' && failuresLeft-- > 0) throw new Error('transient');
        });
        await bus.publish(topic, [
          { key: 'same', value: 'first' },
          { key: 'same', value: 'second' },
        ]);
        await waitUntil(() => seen.some((message) => message.value.toString() === 'second'), timeout);
        expect(seen.map((message) => [message.value.toString(), message.attempt])).toEqual([
          ['first', 1],
          ['first', 2],
          ['first', 3],
          ['second', 1],
        ]);
      },
      timeout * 2,
    );

    it(
      'commits after handling: a graceful stop hands over without redelivering handled messages',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        const before = await collect(bus, topic, 'g');
        await bus.publish(
          topic,
          Array.from({ length: 5 }, (_, index) => ({ key: 'one-partition', value: `old-${index}` })),
        );
        await waitUntil(() => before.seen.length >= 5, timeout);
        await before.subscription.stop();
        await bus.publish(topic, [{ key: 'one-partition', value: 'new' }]);
        const after = await collect(bus, topic, 'g');
        await waitUntil(() => after.seen.length >= 1, timeout);
        // Same key, same partition: a redelivered old message would arrive before 'new'.
        expect(after.seen.map((message) => message.value.toString())).toEqual(['new']);
      },
      timeout * 3,
    );

    it(
      'batch subscribers get consecutive messages of one partition, in order, at most maxBatchSize at once',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        await bus.publish(
          topic,
          Array.from({ length: 25 }, (_, index) => ({ key: 'one-partition', value: String(index) })),
        );
        const batches: DeliveredMessage[][] = [];
        subscriptions.push(
          await bus.subscribe({
            topic,
            groupId: 'g',
            maxBatchSize: 10,
            batchHandler: async (messages) => void batches.push(messages),
          }),
        );
        await waitUntil(() => batches.flat().length >= 25, timeout);
        expect(batches.every((batch) => batch.length >= 1 && batch.length <= 10)).toBe(true);
        expect(batches.flat().map((message) => Number(message.value.toString()))).toEqual(
          Array.from({ length: 25 }, (_, index) => index),
        );
        for (const batch of batches) {
          expect(new Set(batch.map((message) => message.partition)).size).toBe(1);
          const offsets = batch.map((message) => BigInt(message.offset));
          expect(offsets).toEqual(offsets.map((_, position) => offsets[0]! + BigInt(position)));
        }
      },
      timeout * 2,
    );

    it(
      'redelivers a failed batch whole, and nothing after it meanwhile, before committing it',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        await bus.publish(
          topic,
          Array.from({ length: 6 }, (_, index) => ({ key: 'one-partition', value: String(index) })),
        );
        let failuresLeft = 2;
        const deliveries: { values: string[]; attempt: number }[] = [];
        const subscription = await bus.subscribe({
          topic,
          groupId: 'g',
          maxBatchSize: 3,
          batchHandler: async (messages) => {
            const values = messages.map((message) => message.value.toString());
            deliveries.push({ values, attempt: messages[0]!.attempt });
            if (values.includes('0') && failuresLeft-- > 0) throw new Error('sink unavailable');
          },
        });
        await waitUntil(() => deliveries.some((delivery) => delivery.values.includes('5')), timeout);
        const firstBatch = deliveries[0]!.values;
        expect(firstBatch[0]).toBe('0');
        expect(deliveries.slice(0, 3)).toEqual([1, 2, 3].map((attempt) => ({ values: firstBatch, attempt })));
        expect(deliveries.flatMap((delivery) => delivery.values).slice(firstBatch.length * 3)).toEqual(
          ['0', '1', '2', '3', '4', '5'].slice(firstBatch.length),
        );
        // Committed: a new member of the group gets nothing of it again.
        await subscription.stop();
        await bus.publish(topic, [{ key: 'one-partition', value: 'new' }]);
        const after = await collect(bus, topic, 'g');
        await waitUntil(() => after.seen.length >= 1, timeout);
        expect(after.seen.map((message) => message.value.toString())).toEqual(['new']);
      },
      timeout * 3,
    );

    it(
      'redelivers the in-flight message of a consumer that crashed to the next member',
      async () => {
        const bus = newBus();
        const topic = uniqueTopic();
        await bus.publish(topic, [{ key: 'job-1', value: 'work' }]);
        const keySeenByCrashed = await harness.runConsumerThatCrashes(bus, topic, 'workers');
        expect(keySeenByCrashed).toBe('job-1');
        const survivor = await collect(bus, topic, 'workers');
        await waitUntil(() => survivor.seen.length >= 1, timeout * 2);
        expect(survivor.seen[0]?.key).toBe('job-1');
        expect(survivor.seen[0]?.value.toString()).toBe('work');
      },
      timeout * 4,
    );
  });
}

/** Polls a condition (which may itself act, e.g. publish) until it holds or the time is up. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
