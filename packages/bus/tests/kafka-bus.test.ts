import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveredMessage } from '../src/bus.ts';
import { runBusContract } from '../src/bus.contract.ts';
import { KafkaBus } from '../src/kafka-bus.ts';

// Real Kafka (infra/kafka/up). No fallback: an unreachable broker fails the suite.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const crashingConsumer = fileURLToPath(new URL('./fixtures/consumer-that-crashes.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

runBusContract('KafkaBus on a real broker', {
  // 6 s is the broker's minimum session timeout: the fastest a dead consumer's partitions move.
  createBus: () => new KafkaBus({ brokers, clientId: 'contract', sessionTimeoutMs: 6_000 }),
  deliveryTimeoutMs: 15_000,
  runConsumerThatCrashes(_bus, topic, groupId) {
    return new Promise((resolve, reject) => {
      const child = spawn(tsx, [crashingConsumer, topic, groupId, brokers.join(',')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const key = /received (\S+)/.exec(output)?.[1];
        if (key) {
          child.once('exit', () => resolve(key));
          child.kill('SIGKILL');
        }
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`crashing consumer exited early (code ${code})`));
      });
    });
  },
});

describe('KafkaBus namePrefix', () => {
  const buses: KafkaBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('keeps clusters with different prefixes apart on one broker, under the same topic and group', async () => {
    const run = randomUUID().slice(0, 8);
    const bus = (prefix: string) => {
      const created = new KafkaBus({
        brokers,
        clientId: 'prefix',
        sessionTimeoutMs: 6_000,
        namePrefix: prefix,
      });
      buses.push(created);
      return created;
    };
    const [a, b] = [bus(`${run}-a.`), bus(`${run}-b.`)];
    const seen = { a: [] as DeliveredMessage[], b: [] as DeliveredMessage[] };
    for (const [name, member] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await member.subscribe({
        topic: 'kairos.tasks',
        groupId: 'kairos-matching',
        handler: async (message) => void seen[name].push(message),
      });
    }

    await a.publish('kairos.tasks', [{ key: 'k', value: 'for a' }]);
    await b.publish('kairos.tasks', [{ key: 'k', value: 'for b' }]);
    await vi.waitFor(() => expect(seen.a.length + seen.b.length).toBe(2), { timeout: 20_000, interval: 50 });

    expect(seen.a.map((message) => [message.topic, message.value.toString()])).toEqual([
      ['kairos.tasks', 'for a'],
    ]);
    expect(seen.b.map((message) => [message.topic, message.value.toString()])).toEqual([
      ['kairos.tasks', 'for b'],
    ]);
  });
});

describe('KafkaBus with a slow handler', () => {
  it('keeps its group membership while a handler runs longer than the session timeout (no redelivery)', async () => {
    const bus = new KafkaBus({ brokers, clientId: 'slow', sessionTimeoutMs: 6_000 });
    try {
      const topic = `slow-handler-${randomUUID().slice(0, 8)}`;
      const deliveries: string[] = [];
      await bus.subscribe({
        topic,
        groupId: `slow-${randomUUID().slice(0, 8)}`,
        handler: async (message) => {
          const value = message.value.toString();
          deliveries.push(value);
          // 1.5 session timeouts: the broker would evict a consumer that sent no heartbeat meanwhile.
          if (value === 'slow') await new Promise((resolve) => setTimeout(resolve, 9_000));
        },
      });
      await bus.publish(topic, [
        { key: 'same-partition', value: 'slow' },
        { key: 'same-partition', value: 'next' },
      ]);
      await vi.waitFor(() => expect(deliveries).toContain('next'), { timeout: 40_000, interval: 100 });
      expect(deliveries).toEqual(['slow', 'next']);
    } finally {
      await bus.close();
    }
  }, 60_000);
});
