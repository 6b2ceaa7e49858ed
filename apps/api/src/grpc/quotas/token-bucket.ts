/** Milliseconds from any fixed origin; injected so tests drive time by hand. */
export interface Clock {
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };

/**
 * Share of the capacity kept for priority calls: a low-priority call (poll, describe, list, history
 * read) takes a token only while the bucket holds more than this — and only if at least this much is
 * left after it — so under pressure starts, signals and workers' responses still get through
 * (Temporal Cloud: "starts and signals keep priority").
 */
export const lowPriorityReserve = 0.2;

/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `capacity`; a call takes one.
 * Pure arithmetic over the injected clock, so it needs no timer.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    private ratePerSecond: number,
    private capacity: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = clock.now();
  }

  /** Takes `count` tokens if there are enough (above the reserve for low-priority calls). */
  tryTake(priority: 'high' | 'low', count = 1): boolean {
    this.refill();
    const floor = priority === 'low' ? this.capacity * lowPriorityReserve : 0;
    if (this.tokens < count || (priority === 'low' && this.tokens - count < floor)) return false;
    this.tokens -= count;
    return true;
  }

  /** Gives back tokens taken for a call that was refused by a later check. */
  refund(count = 1): void {
    this.tokens = Math.min(this.capacity, this.tokens + count);
  }

  /** A new rate and capacity (a quota change, or another api process came or went); tokens carry over. */
  reconfigure(ratePerSecond: number, capacity: number): void {
    if (ratePerSecond === this.ratePerSecond && capacity === this.capacity) return;
    this.refill();
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }

  /** Tokens available now (for tests and metrics). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.ratePerSecond) / 1000);
  }
}
