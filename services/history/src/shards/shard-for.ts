import { createHash } from 'node:crypto';

/**
 * The shard of a workflow id within a namespace: stable across processes and restarts (a hash, not
 * Node's random-seeded structures), so every process routes an execution to the same shard.
 */
export function shardFor(namespaceId: string, workflowId: string, shardCount: number): number {
  const digest = createHash('sha1').update(namespaceId).update('\0').update(workflowId).digest();
  return digest.readUInt32BE(0) % shardCount;
}
