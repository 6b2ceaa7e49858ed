import { describe, expect, it } from 'vitest';
import { TokenBucket, type Clock } from './token-bucket.ts';

function fakeClock(start = 1_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

function takeAll(bucket: TokenBucket, priority: 'high' | 'low'): number {
  let taken = 0;
  while (bucket.tryTake(priority)) taken++;
  return taken;
}

describe('TokenBucket', () => {
  it('starts full, allows a burst of its capacity, then refuses', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 10, 20);
    expect(takeAll(bucket, 'high')).toBe(20);
    expect(bucket.tryTake('high')).toBe(false);
  });

  it('refills at its rate, never above its capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 10, 20);
    takeAll(bucket, 'high');
    clock.advance(100);
    expect(takeAll(bucket, 'high')).toBe(1);
    clock.advance(450);
    expect(bucket.available()).toBeCloseTo(4.5);
    clock.advance(60_000);
    expect(bucket.available()).toBe(20);
  });

  it('lets low-priority calls take tokens only above 20% of the capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 10, 20);
    // 20 tokens, reserve 4: low-priority calls stop while 4 remain, the rest go to priority calls.
    expect(takeAll(bucket, 'low')).toBe(16);
    expect(bucket.tryTake('low')).toBe(false);
    expect(takeAll(bucket, 'high')).toBe(4);
    // Refilling above the reserve lets low-priority calls in again.
    clock.advance(500);
    expect(bucket.available()).toBe(5);
    expect(takeAll(bucket, 'low')).toBe(1);
  });

  it('gives refunds back up to the capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 1, 2);
    expect(bucket.tryTake('high')).toBe(true);
    bucket.refund();
    bucket.refund();
    expect(bucket.available()).toBe(2);
  });

  it('keeps its tokens across a new rate, clamped to the new capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 100, 200);
    bucket.reconfigure(5, 10);
    expect(takeAll(bucket, 'high')).toBe(10);
    clock.advance(1_000);
    expect(bucket.available()).toBe(5);
    bucket.reconfigure(50, 100);
    clock.advance(1_000);
    expect(bucket.available()).toBe(55);
  });

  it('does not go backwards when the clock does', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(clock, 10, 10);
    takeAll(bucket, 'high');
    clock.advance(-5_000);
    expect(bucket.tryTake('high')).toBe(false);
  });
});
