import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type Producer,
  type LogEntry,
} from 'kafkajs';
import type {
  BatchSubscribeOptions,
  Bus,
  DeliveredMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './bus.ts';
import { abortableDelay, batchHandlerOf, deliverUntilHandled } from './redelivery.ts';

/** The part of a pino logger the bus writes to; keeps this package free of a telemetry dependency. */
export interface BusLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of topics this bus creates (kairos.tasks etc.). */
  partitionsPerTopic?: number;
  /** How long the group waits for a silent consumer before moving its partitions (broker min 6 s). */
  sessionTimeoutMs?: number;
  /**
   * Put before every topic and consumer group name on the broker, so clusters that share one Kafka
   * (test clusters, several dev clusters) neither see nor consume each other's messages. Callers keep
   * using the plain names (`kairos.tasks`); delivered messages carry them too.
   */
  namePrefix?: string;
  logger?: BusLogger;
}

/** Marks an eachBatch that ended because the consumer is stopping: the offset must not advance. */
class ConsumerStopping extends Error {}

/**
 * Heartbeat errors after which this member no longer owns its partitions for sure: a rebalance is
 * under way or the group forgot the member (kafkajs' isRebalancing, plus an expired session). kafkajs
 * rejoins the group when eachBatch throws one of them.
 */
const membershipEndingErrors = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

function endsMembership(error: unknown): boolean {
  // By `type`, as kafkajs' own isRebalancing does (its error classes are not worth an instanceof).
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof error.type === 'string' &&
    membershipEndingErrors.has(error.type)
  );
}

/**
 * The bus over Kafka (cluster mode). Offsets are committed only for messages whose handler resolved
 * (each chunk of a fetch is resolved and committed after its handler returned), so a killed
 * consumer's in-flight chunk is redelivered to the group after its session times out.
 */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly ensuredTopics = new Map<string, Promise<void>>();
  private readonly consumers = new Set<Subscription>();

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5_000 },
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const brokerTopic = this.brokerName(topic);
    await this.ensureTopic(brokerTopic);
    const producer = await this.connectedProducer();
    await producer.send({
      topic: brokerTopic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: Buffer.from(message.value),
        ...(message.headers ? { headers: message.headers } : {}),
      })),
    });
  }

  async subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription> {
    const brokerTopic = this.brokerName(options.topic);
    await this.ensureTopic(brokerTopic);
    const sessionTimeout = this.options.sessionTimeoutMs ?? 10_000;
    const consumer: Consumer = this.kafka.consumer({
      groupId: this.brokerName(options.groupId),
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      rebalanceTimeout: sessionTimeout * 2,
    });
    let running = true;
    const stopping = new AbortController();
    // Set when a heartbeat reports that this member's generation is over (a rebalance is under way or
    // the group forgot it): whatever is left of the current fetch may belong to another member now, so
    // no further chunk of it is handled until kafkajs has rejoined the group.
    let membershipLost: unknown;
    consumer.on(consumer.events.GROUP_JOIN, () => (membershipLost = undefined));
    await consumer.connect();
    await consumer.subscribe({ topics: [brokerTopic], fromBeginning: true });
    const topic = options.topic;
    const { handler, maxBatchSize } = batchHandlerOf(options);
    await consumer.run({
      autoCommit: true,
      // Offsets are resolved and committed by hand, chunk by chunk, after the handler took each chunk.
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        uncommittedOffsets,
        isRunning,
        isStale,
      }) => {
        const messages: Omit<DeliveredMessage, 'attempt'>[] = batch.messages.map((message) => ({
          topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value ?? Buffer.alloc(0),
          headers: decodeHeaders(message.headers),
        }));
        for (let start = 0; start < messages.length; start += maxBatchSize) {
          // After a rebalance took the partition away, what is left of this fetch is another's now.
          if (!isRunning() || isStale()) return;
          // Thrown back to kafkajs, which rejoins the group; the chunk stays uncommitted.
          if (membershipLost !== undefined) throw membershipLost;
          const chunk = messages.slice(start, start + maxBatchSize);
          const lost = new AbortController();
          const noteHeartbeatError = (error: unknown) => {
            if (!endsMembership(error)) return;
            membershipLost ??= error;
            lost.abort();
          };
          // A handler may legitimately take longer than the session timeout (e.g. waiting for a history
          // shard to move after its owner died). Without heartbeats meanwhile the broker drops this
          // consumer from the group, the offset commit fails and the message is delivered twice. A
          // rebalance seen here cannot interrupt the handler; it ends the loop once the handler returns.
          const keepAlive = setInterval(
            () => void heartbeat().catch(noteHeartbeatError),
            Math.floor(sessionTimeout / 4),
          );
          const handled = await deliverUntilHandled(chunk, handler, {
            // A member whose generation ended stops retrying: the partition may be another's already.
            shouldContinue: () => running && membershipLost === undefined,
            onFailure: (error, attempt) =>
              this.options.logger?.warn(
                {
                  err: error,
                  topic,
                  partition: batch.partition,
                  offset: chunk[0]?.offset,
                  messages: chunk.length,
                  groupId: options.groupId,
                  attempt,
                },
                'bus handler failed; redelivering',
              ),
            // Keep the group membership alive while backing off on a failing message, and notice a
            // rebalance (other errors, e.g. a broker briefly away, only cost this heartbeat).
            wait: async (ms) => {
              await abortableDelay(ms, AbortSignal.any([stopping.signal, lost.signal]));
              await heartbeat().catch(noteHeartbeatError);
            },
          }).finally(() => clearInterval(keepAlive));
          if (handled) resolveOffset(chunk.at(-1)!.offset);
          else if (!running) throw new ConsumerStopping('consumer stopping before the message was handled');
          // kafkajs commits what was resolved (processEachBatch's catch), then rejoins the group.
          if (membershipLost !== undefined) throw membershipLost;
          // Commit every handled chunk now, not once per fetch (kafkajs' own commitOffsetsIfNecessary()
          // does nothing here, autoCommitInterval and autoCommitThreshold being unset): a crash or a
          // later chunk that keeps failing must not redeliver chunks already handled.
          await commitOffsetsIfNecessary(uncommittedOffsets());
          // As kafkajs' own eachMessage loop does between messages (throttled to heartbeatInterval); a
          // rebalance error propagates so kafkajs stops this fetch and rejoins.
          await heartbeat().catch((error: unknown) => {
            noteHeartbeatError(error);
            throw error;
          });
        }
      },
    });
    const subscription: Subscription = {
      stop: async () => {
        if (!running) return;
        running = false;
        stopping.abort();
        this.consumers.delete(subscription);
        await consumer.disconnect();
      },
    };
    this.consumers.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((subscription) => subscription.stop()));
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    await Promise.all([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }

  private brokerName(name: string): string {
    return `${this.options.namePrefix ?? ''}${name}`;
  }

  /** Creates the topic with our partition count once; auto-creation would use the broker default. */
  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.ensuredTopics.get(topic);
    if (!ensured) {
      ensured = this.connectedAdmin()
        .then((admin) =>
          admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic, numPartitions: this.options.partitionsPerTopic ?? 4 }],
          }),
        )
        .then(() => undefined);
      ensured.catch(() => this.ensuredTopics.delete(topic));
      this.ensuredTopics.set(topic, ensured);
    }
    return ensured;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => (this.producer = undefined));
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    this.admin.catch(() => (this.admin = undefined));
    return this.admin;
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...fields } = log;
    // Our own stop signal surfaces as a consumer error in kafkajs' log; it is expected, not a fault.
    if (String(fields.error ?? '').includes('consumer stopping')) return;
    if (level <= logLevel.ERROR) this.options.logger?.error({ kafka: fields }, message);
    else this.options.logger?.warn({ kafka: fields }, message);
  }
}

function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    decoded[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return decoded;
}
