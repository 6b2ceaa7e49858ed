import { describe, expect, it } from 'vitest';
import { createBus } from './bus-from-config.ts';
import { KafkaBus } from './kafka-bus.ts';
import { MemoryBus } from './memory-bus.ts';

const quiet = { warn: () => undefined, error: () => undefined };

describe('createBus', () => {
  it('gives the in-process bus for KAIROS_BUS=memory', async () => {
    const bus = createBus({
      kind: 'memory',
      brokers: [],
      clientId: 'kairos',
      role: 'history',
      logger: quiet,
    });
    expect(bus).toBeInstanceOf(MemoryBus);
    await bus.close();
  });

  it('gives a Kafka bus for KAIROS_BUS=kafka (connecting only when used)', async () => {
    const bus = createBus({
      kind: 'kafka',
      brokers: ['127.0.0.1:1'],
      clientId: 'kairos',
      role: 'matching',
      logger: quiet,
    });
    expect(bus).toBeInstanceOf(KafkaBus);
    await bus.close();
  });
});
