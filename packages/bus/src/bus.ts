/**
 * The event bus port. History's outbox relay publishes to it; matching, visibility, the replicator
 * and the worker consume from it. Two implementations pass one contract (bus.contract.ts):
 * `MemoryBus` (embedded mode, one process) and `KafkaBus` (cluster mode).
 *
 * Guarantees every implementation gives:
 * - Messages with the same key land in the same partition and are delivered in publish order.
 * - Within a consumer group each message goes to one member; every group sees every message.
 * - At-least-once: a message's offset is committed only after its handler resolved. A handler that
 *   throws gets the same message again (with backoff, `attempt` counting up) before anything after
 *   it in that partition; a consumer that dies mid-message leaves it to another member.
 * - A group that has never committed starts from the earliest message the bus still holds, so
 *   nothing published before the first consumer subscribed is missed.
 */
export interface OutgoingMessage {
  key: string;
  value: Uint8Array | string;
  headers?: Record<string, string>;
}

export interface DeliveredMessage {
  topic: string;
  partition: number;
  /** Position in the partition, as a decimal string (Kafka offsets exceed 2^53). */
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  /** 1 on first delivery to this consumer, 2+ when the handler failed before and it is retried. */
  attempt: number;
}

export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

/** Consecutive messages of one partition, in offset order. */
export type BatchHandler = (messages: DeliveredMessage[]) => Promise<void>;

export interface SubscribeOptions {
  topic: string;
  groupId: string;
  handler: MessageHandler;
}

/**
 * Batch consumption, for consumers whose sink takes many records at once (the visibility indexer's
 * bulk upserts). The same guarantees as one message at a time, per batch: the batch's offsets are
 * committed only after the handler resolved; a handler that throws gets the same batch again (with
 * backoff, `attempt` counting up) and nothing after it in that partition meanwhile, so a failing sink
 * pauses consumption instead of buffering. A batch holds what the bus already has (no lingering),
 * never more than `maxBatchSize` messages.
 */
export interface BatchSubscribeOptions {
  topic: string;
  groupId: string;
  batchHandler: BatchHandler;
  /** Default 500. */
  maxBatchSize?: number;
}

export const DEFAULT_MAX_BATCH_SIZE = 500;

export interface Subscription {
  /** Lets the in-flight handler finish, commits it, and leaves the group. */
  stop(): Promise<void>;
}

export interface Bus {
  /** Resolves once the bus has durably accepted every message (Kafka: acks from all replicas). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /** Joins the consumer group; resolves when the consumer is running. */
  subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription>;
  /** Stops every subscription this bus created and releases connections. */
  close(): Promise<void>;
}
