import { runBusContract } from './bus.contract.ts';
import { MemoryBus } from './memory-bus.ts';

runBusContract('in-process MemoryBus', {
  createBus: () => new MemoryBus(),
  deliveryTimeoutMs: 2_000,
  async runConsumerThatCrashes(bus, topic, groupId) {
    if (!(bus instanceof MemoryBus)) throw new Error('the memory harness crashes MemoryBus consumers only');
    const received = new Promise<string>((resolve) => {
      void bus.subscribe({
        topic,
        groupId,
        // Takes the message and never finishes it, like a process that dies mid-handler.
        handler: (message) => {
          resolve(message.key);
          return new Promise<void>(() => undefined);
        },
      });
    });
    const key = await received;
    bus.crash(topic, groupId);
    return key;
  },
});
