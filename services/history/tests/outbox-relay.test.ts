import { MemoryBus, topics, type Bus, type DeliveredMessage, type OutgoingMessage } from '@kairos/bus';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../src/queues/outbox-relay.ts';
import type { ShardOwnership } from '../src/shards/shard-ownership.ts';
import { createEngineDatabase, eventually, logger, type EngineDatabase } from './support/engine-database.ts';

let database: EngineDatabase;
beforeAll(async () => {
  database = await createEngineDatabase('history_outbox');
});
afterAll(async () => {
  await database?.drop();
});

const relays: OutboxRelay[] = [];
let bus: MemoryBus;
let delivered: DeliveredMessage[];
beforeEach(async () => {
  await database.pool.query('TRUNCATE outbox');
  bus = new MemoryBus();
  delivered = [];
  await bus.subscribe({
    topic: topics.tasks,
    groupId: 'matching',
    handler: async (message) => {
      delivered.push(message);
    },
  });
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await bus.close();
});

function owning(shards: number[]): ShardOwnership {
  return {
    rangeIdOf: (shardId) => (shards.includes(shardId) ? 1 : undefined),
    ownedShards: () => shards,
    onChange: () => undefined,
  };
}

function startRelay(ownership: ShardOwnership, relayBus: Bus = bus): OutboxRelay {
  const relay = new OutboxRelay({
    pool: database.pool,
    bus: relayBus,
    ownership,
    logger,
    pollIntervalMs: 50,
  });
  relays.push(relay);
  relay.start();
  return relay;
}

async function insertOutbox(shardId: number, key: string, payload: object): Promise<void> {
  await database.pool.query('INSERT INTO outbox (shard_id, topic, key, payload) VALUES ($1, $2, $3, $4)', [
    shardId,
    topics.tasks,
    key,
    JSON.stringify(payload),
  ]);
}

async function outboxRows(): Promise<number[]> {
  const { rows } = await database.pool.query<{ shard_id: number }>('SELECT shard_id FROM outbox ORDER BY id');
  return rows.map((row) => row.shard_id);
}

const values = () => delivered.map((message) => JSON.parse(message.value.toString('utf8')) as { n: number });

describe('OutboxRelay', () => {
  it("publishes its shards' rows in order, then deletes them", async () => {
    await insertOutbox(0, 'ns/orders', { n: 1 });
    await insertOutbox(1, 'ns/orders', { n: 2 });
    await insertOutbox(0, 'ns/orders', { n: 3 });

    startRelay(owning([0, 1]));

    await eventually(() => delivered.length === 3);
    expect(values()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(delivered.map((message) => message.key)).toEqual(['ns/orders', 'ns/orders', 'ns/orders']);
    await eventually(async () => (await outboxRows()).length === 0);
  });

  it('leaves the rows of shards it does not own', async () => {
    await insertOutbox(0, 'ns/orders', { n: 1 });
    await insertOutbox(1, 'ns/orders', { n: 2 });
    const relay = startRelay(owning([0]));

    await eventually(async () => (await outboxRows()).join() === '1');
    // One more pass, awaited by stop(): the other shard's row is still not touched.
    relay.wake();
    await relay.stop();

    expect(await outboxRows()).toEqual([1]);
    await eventually(() => delivered.length === 1);
    expect(values()).toEqual([{ n: 1 }]);
  });

  it('publishes again what it published but could not delete (at least once)', async () => {
    await insertOutbox(0, 'ns/orders', { n: 1 });
    let publishes = 0;
    // The broker accepted the batch, then the process lost it before deleting the rows.
    const crashesAfterFirstPublish: Bus = {
      publish: async (topic: string, messages: OutgoingMessage[]) => {
        publishes += 1;
        await bus.publish(topic, messages);
        if (publishes === 1) throw new Error('connection lost after the broker accepted the batch');
      },
      subscribe: (options) => bus.subscribe(options),
      close: () => bus.close(),
    };

    startRelay(owning([0]), crashesAfterFirstPublish);

    await eventually(() => delivered.length === 2);
    expect(values()).toEqual([{ n: 1 }, { n: 1 }]);
    await eventually(async () => (await outboxRows()).length === 0);
    expect(publishes).toBe(2);
  });
});
