/**
 * Which history shards this process owns, and under which `range_id`. Ownership comes from lease rows
 * in `history_shards` (see shard-leases.ts); every engine write re-checks the range id inside its
 * transaction, so a process that lost a shard fails its write instead of corrupting state.
 */
export interface ShardOwnership {
  /** The range id this process holds the shard under, or undefined when it does not own it. */
  rangeIdOf(shardId: number): number | undefined;
  /** Shards currently owned. */
  ownedShards(): number[];
  /** Called after a shard is acquired (start its queues) and after it is lost (stop them). */
  onChange(listener: (change: { shardId: number; owned: boolean; rangeId: number }) => void): void;
}
