export type {
  BatchHandler,
  BatchSubscribeOptions,
  Bus,
  DeliveredMessage,
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './bus.ts';
export { DEFAULT_MAX_BATCH_SIZE } from './bus.ts';
export { MemoryBus, type MemoryBusOptions } from './memory-bus.ts';
export { KafkaBus, type KafkaBusOptions, type BusLogger } from './kafka-bus.ts';
export { topics } from './topics.ts';
export { createBus, type BusSettings } from './bus-from-config.ts';
