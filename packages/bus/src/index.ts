export type {
  Bus,
  DeliveredMessage,
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './bus.ts';
export { MemoryBus, type MemoryBusOptions } from './memory-bus.ts';
export { KafkaBus, type KafkaBusOptions, type BusLogger } from './kafka-bus.ts';
export { topics } from './topics.ts';
export { createBus, type BusSettings } from './bus-from-config.ts';
