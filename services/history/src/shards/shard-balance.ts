/**
 * How one history process decides, each lease cycle, which shards to give up and which to take (steps
 * 2–5 of the algorithm described in shard-leases.ts). Pure, so the balance rules are tested without a
 * database; shard-leases.ts carries the decision out with conditional updates.
 */
export interface LeaseRow {
  shardId: number;
  rangeId: number;
  owner: string | null;
  /** Owned and unexpired. */
  live: boolean;
}

export interface BalancePlan {
  target: number;
  /** Held shards to give up (the highest ids). */
  release: number[];
  /** Free shards to try, lowest first; take at most `acquireCount` of them. */
  acquireCandidates: number[];
  acquireCount: number;
  /** A live shard to take over to make this process known (newcomer with nothing and nothing free). */
  announce: LeaseRow | undefined;
}

/** Steps 2–5 above, as a pure decision over the rows read and the shards held. */
export function planShardBalance(rows: LeaseRow[], me: string, held: ReadonlySet<number>): BalancePlan {
  const others = new Map<string, number>();
  for (const row of rows) {
    if (row.live && row.owner !== null && row.owner !== me)
      others.set(row.owner, (others.get(row.owner) ?? 0) + 1);
  }
  const target = Math.ceil(rows.length / (others.size + 1));
  const someoneShort = [...others.values()].some((count) => count < target);
  const release =
    held.size > target && someoneShort ? [...held].sort((a, b) => b - a).slice(0, held.size - target) : [];
  const acquireCandidates = rows
    .filter((row) => !held.has(row.shardId) && (!row.live || row.owner === me))
    .map((row) => row.shardId)
    .sort((a, b) => a - b);
  const acquireCount = Math.max(0, target - held.size);

  let announce: LeaseRow | undefined;
  if (held.size === 0 && acquireCandidates.length === 0) {
    const [largest, largestCount] = [...others].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
    if (largestCount > target) {
      announce = rows
        .filter((row) => row.live && row.owner === largest)
        .reduce((a, b) => (b.shardId > a.shardId ? b : a));
    }
  }
  return { target, release, acquireCandidates, acquireCount, announce };
}
