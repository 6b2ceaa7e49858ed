import type { BatchSubscribeOptions, Bus, OutgoingMessage, SubscribeOptions, Subscription } from './bus.ts';
import { partitionForKey } from './partition-for-key.ts';
import { abortableDelay, batchHandlerOf, deliverUntilHandled } from './redelivery.ts';

interface StoredMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

interface Partition {
  /** Offset of messages[0]; earlier messages were trimmed once every group had committed them. */
  baseOffset: number;
  messages: StoredMessage[];
}

interface Member {
  id: number;
  options: SubscribeOptions | BatchSubscribeOptions;
  active: boolean;
  /** Wakes a member out of a retry backoff when it stops. */
  stopping: AbortController;
  loops: Set<Promise<void>>;
}

interface Group {
  members: Member[];
  /** Per partition: next offset to deliver, i.e. everything below it is committed. */
  committed: number[];
  owner: (Member | undefined)[];
  /**
   * Per partition: bumped when a member crashes, so the crashed member's handler, if it ever returns,
   * cannot commit over the new owner (Kafka fences it the same way with the group generation).
   */
  generation: number[];
  /** Per partition: the generation whose delivery loop is running, if any. */
  runningGeneration: (number | undefined)[];
}

export interface MemoryBusOptions {
  partitionsPerTopic?: number;
  onHandlerError?: (error: unknown, context: { topic: string; groupId: string; attempt: number }) => void;
}

/**
 * The in-process bus of embedded mode: topics are arrays per partition in memory, consumer groups
 * track committed offsets, and delivery follows the same rules as Kafka (see bus.ts). Nothing
 * survives the process; embedded mode relies on the Postgres outbox for durability.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<string, Partition[]>();
  private readonly groups = new Map<string, Group>();
  private readonly partitionsPerTopic: number;
  private nextMemberId = 1;
  private closed = false;

  constructor(private readonly options: MemoryBusOptions = {}) {
    this.partitionsPerTopic = options.partitionsPerTopic ?? 4;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const partitions = this.topic(topic);
    const touched = new Set<number>();
    for (const message of messages) {
      const index = partitionForKey(message.key, partitions.length);
      partitions[index]!.messages.push({
        key: message.key,
        value: Buffer.from(message.value),
        headers: { ...message.headers },
      });
      touched.add(index);
    }
    for (const [groupKey, group] of this.groups) {
      if (topicOfGroupKey(groupKey) !== topic) continue;
      for (const index of touched) this.pump(topic, group, index);
    }
  }

  async subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('bus is closed');
    const partitions = this.topic(options.topic);
    const groupKey = `${options.topic}\u0000${options.groupId}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      group = {
        members: [],
        committed: partitions.map((partition) => partition.baseOffset),
        owner: partitions.map(() => undefined),
        generation: partitions.map(() => 0),
        runningGeneration: partitions.map(() => undefined),
      };
      this.groups.set(groupKey, group);
    }
    const member: Member = {
      id: this.nextMemberId++,
      options,
      active: true,
      stopping: new AbortController(),
      loops: new Set(),
    };
    group.members.push(member);
    this.rebalance(options.topic, group);
    const joinedGroup = group;
    return {
      stop: async () => {
        if (!member.active) return;
        member.active = false;
        member.stopping.abort();
        joinedGroup.members = joinedGroup.members.filter((other) => other !== member);
        this.rebalance(options.topic, joinedGroup);
        await Promise.all([...member.loops]);
      },
    };
  }

  /**
   * Simulates a consumer process dying mid-message: it leaves the group at once without waiting for
   * or committing its in-flight message, which the next owner of the partition receives again.
   * (A Kafka consumer killed with SIGKILL behaves the same after its session times out.)
   */
  crash(subscriptionTopic: string, groupId: string): void {
    const group = this.groups.get(`${subscriptionTopic}\u0000${groupId}`);
    const victim = group?.members[0];
    if (!group || !victim) throw new Error(`no member in group ${groupId} of ${subscriptionTopic} to crash`);
    victim.active = false;
    victim.stopping.abort();
    group.members = group.members.filter((member) => member !== victim);
    group.owner.forEach((owner, index) => {
      if (owner === victim) {
        group.generation[index]! += 1;
        group.runningGeneration[index] = undefined;
      }
    });
    this.rebalance(subscriptionTopic, group);
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = [...this.groups.values()].flatMap((group) =>
      group.members.map((member) => {
        member.active = false;
        member.stopping.abort();
        return Promise.all([...member.loops]);
      }),
    );
    await Promise.all(stopping);
  }

  private topic(name: string): Partition[] {
    let partitions = this.topics.get(name);
    if (!partitions) {
      partitions = Array.from({ length: this.partitionsPerTopic }, () => ({ baseOffset: 0, messages: [] }));
      this.topics.set(name, partitions);
    }
    return partitions;
  }

  /** Round-robin partition assignment over the members in join order, then restart delivery. */
  private rebalance(topic: string, group: Group): void {
    group.owner = group.owner.map((_, index) =>
      group.members.length === 0 ? undefined : group.members[index % group.members.length],
    );
    group.owner.forEach((_, index) => this.pump(topic, group, index));
  }

  /** Starts the delivery loop of one partition for its owner unless one is already running. */
  private pump(topic: string, group: Group, index: number): void {
    const owner = group.owner[index];
    const generation = group.generation[index]!;
    if (!owner || !owner.active || group.runningGeneration[index] === generation) return;
    group.runningGeneration[index] = generation;
    const loop = this.deliverPartition(topic, group, index, owner, generation).finally(() => {
      owner.loops.delete(loop);
      if (group.runningGeneration[index] === generation) group.runningGeneration[index] = undefined;
      // Hand on if messages are still waiting: ownership moved, or a publish came in while this
      // loop was finishing and its pump saw the loop still running.
      if (!this.closed && this.hasUndelivered(topic, group, index)) this.pump(topic, group, index);
    });
    owner.loops.add(loop);
  }

  private async deliverPartition(
    topic: string,
    group: Group,
    index: number,
    member: Member,
    generation: number,
  ): Promise<void> {
    const partition = this.topic(topic)[index]!;
    const stillOwner = () =>
      member.active &&
      !this.closed &&
      group.owner[index] === member &&
      group.generation[index] === generation;
    const { handler, maxBatchSize } = batchHandlerOf(member.options);
    while (stillOwner() && this.hasUndelivered(topic, group, index)) {
      const first = group.committed[index]!;
      const available = partition.baseOffset + partition.messages.length - first;
      const batch = Array.from({ length: Math.min(available, maxBatchSize) }, (_, position) => {
        const stored = partition.messages[first + position - partition.baseOffset]!;
        const offset = String(first + position);
        return { topic, partition: index, offset, ...stored, headers: { ...stored.headers } };
      });
      const handled = await deliverUntilHandled(batch, handler, {
        shouldContinue: stillOwner,
        onFailure: (error, attempt) =>
          this.options.onHandlerError?.(error, { topic, groupId: member.options.groupId, attempt }),
        wait: (ms) => abortableDelay(ms, member.stopping.signal),
      });
      // A crashed member's late success must not commit: the partition has a new generation.
      if (!handled || group.generation[index] !== generation) return;
      group.committed[index] = first + batch.length;
      this.trim(topic, index);
    }
  }

  private hasUndelivered(topic: string, group: Group, index: number): boolean {
    const partition = this.topic(topic)[index]!;
    return group.committed[index]! < partition.baseOffset + partition.messages.length;
  }

  /** Drops messages every group of the topic has committed, in chunks to keep publish O(1). */
  private trim(topic: string, index: number): void {
    const partition = this.topic(topic)[index]!;
    let lowest = Infinity;
    for (const [groupKey, group] of this.groups) {
      if (topicOfGroupKey(groupKey) === topic) lowest = Math.min(lowest, group.committed[index]!);
    }
    const removable = lowest - partition.baseOffset;
    if (removable >= 1_000) {
      partition.messages.splice(0, removable);
      partition.baseOffset = lowest;
    }
  }
}

function topicOfGroupKey(groupKey: string): string {
  return groupKey.slice(0, groupKey.indexOf('\u0000'));
}
