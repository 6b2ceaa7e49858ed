/**
 * Stable key → partition mapping (32-bit FNV-1a), so every message of one key, e.g. one task queue,
 * stays in one ordered partition of the in-process bus. Kafka uses its own murmur2 partitioner.
 */
export function partitionForKey(key: string, partitionCount: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitionCount;
}
