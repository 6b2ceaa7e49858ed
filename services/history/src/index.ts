// @kairos/history: workflow executions — mutable state, events, timers and transfer tasks in Postgres,
// sharded with fenced leases. Other packages use `./client` (the HistoryClient contract) and these.
export { createHistoryService, type HistoryService, type HistoryServiceOptions } from './history-service.ts';
export { HistoryEngine } from './history-engine.ts';
export type { ShardOwnership } from './shards/shard-ownership.ts';
export { shardFor } from './shards/shard-for.ts';
export { ShardLeases, type ShardLeasesOptions } from './shards/shard-leases.ts';
export { RemoteHistoryClient, type RemoteHistoryClientOptions } from './remote-history-client.ts';
