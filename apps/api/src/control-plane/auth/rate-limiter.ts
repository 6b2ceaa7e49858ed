/**
 * A sliding-window counter per key (e.g. "login failures of this ip+email in the last 15 minutes").
 *
 * State lives in this api process's memory: with several api processes each enforces the limit on its
 * own, so a client spreading attempts over N processes gets up to N times the limit. That is acceptable
 * for slowing down password guessing; a shared limit would need Postgres or Redis state.
 * Memory is bounded: keys whose events have all left the window are dropped, and past `maxKeys` the
 * keys that were idle longest go first.
 */
export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  maxKeys?: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SlidingWindowRateLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Whether one more event is allowed now, without recording it. */
  check(key: string): RateLimitVerdict {
    const recent = this.recent(key);
    if (recent.length < this.limit) return { allowed: true };
    // The window frees a slot when the oldest event that still counts leaves it.
    const oldestCounted = recent[recent.length - this.limit] ?? this.now();
    return { allowed: false, retryAfterMs: Math.max(1, oldestCounted + this.windowMs - this.now()) };
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Only the newest `limit` events matter for a verdict.
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    this.events.delete(key); // re-insert: Map order is then least recently used first
    this.events.set(key, recent);
    if (this.events.size > this.maxKeys) this.evict();
  }

  /** check() then record() when allowed: for limits on every attempt (not only failures). */
  consume(key: string): RateLimitVerdict {
    const verdict = this.check(key);
    if (verdict.allowed) this.record(key);
    return verdict;
  }

  reset(key: string): void {
    this.events.delete(key);
  }

  get trackedKeys(): number {
    return this.events.size;
  }

  private recent(key: string): number[] {
    const events = this.events.get(key);
    if (!events) return [];
    const cutoff = this.now() - this.windowMs;
    const firstInWindow = events.findIndex((at) => at > cutoff);
    if (firstInWindow === -1) {
      this.events.delete(key);
      return [];
    }
    if (firstInWindow > 0) events.splice(0, firstInWindow);
    return events;
  }

  private evict(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, events] of this.events)
      if ((events[events.length - 1] ?? 0) <= cutoff) this.events.delete(key);
    for (const key of this.events.keys()) {
      if (this.events.size <= this.maxKeys) break;
      this.events.delete(key);
    }
  }
}
