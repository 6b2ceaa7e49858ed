import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter } from './rate-limiter.ts';

function limiterAt(start: number, options: { limit: number; windowMs: number; maxKeys?: number }) {
  const clock = { now: start };
  const limiter = new SlidingWindowRateLimiter({ ...options, now: () => clock.now });
  return { limiter, clock };
}

describe('SlidingWindowRateLimiter', () => {
  it('allows up to the limit within the window, then refuses with the time until a slot frees', () => {
    const { limiter, clock } = limiterAt(1_000, { limit: 3, windowMs: 60_000 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(limiter.check('ip')).toEqual({ allowed: true });
      limiter.record('ip');
      clock.now += 1_000;
    }
    // Events at 1 s, 2 s, 3 s; now 4 s: the first leaves the window at 61 s.
    expect(limiter.check('ip')).toEqual({ allowed: false, retryAfterMs: 57_000 });
    clock.now = 60_999;
    expect(limiter.check('ip')).toEqual({ allowed: false, retryAfterMs: 1 });
    clock.now = 61_000;
    expect(limiter.check('ip')).toEqual({ allowed: true });
  });

  it('slides: old events stop counting one by one', () => {
    const { limiter, clock } = limiterAt(0, { limit: 2, windowMs: 10_000 });
    limiter.record('k');
    clock.now = 5_000;
    limiter.record('k');
    expect(limiter.check('k').allowed).toBe(false);
    clock.now = 10_001;
    expect(limiter.check('k').allowed).toBe(true);
    limiter.record('k');
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterMs: 4_999 });
  });

  it('keeps keys apart and forgets a key on reset', () => {
    const { limiter } = limiterAt(0, { limit: 1, windowMs: 1_000 });
    limiter.record('a');
    expect(limiter.check('a').allowed).toBe(false);
    expect(limiter.check('b').allowed).toBe(true);
    limiter.reset('a');
    expect(limiter.check('a').allowed).toBe(true);
  });

  it('consume records only allowed attempts', () => {
    const { limiter } = limiterAt(0, { limit: 2, windowMs: 1_000 });
    expect(limiter.consume('x').allowed).toBe(true);
    expect(limiter.consume('x').allowed).toBe(true);
    expect(limiter.consume('x').allowed).toBe(false);
    expect(limiter.consume('x').allowed).toBe(false);
  });

  it('bounds memory: expired keys are dropped, then the least recently used', () => {
    const { limiter, clock } = limiterAt(0, { limit: 1, windowMs: 1_000, maxKeys: 3 });
    limiter.record('old-1');
    limiter.record('old-2');
    clock.now = 2_000;
    limiter.record('a');
    limiter.record('b');
    expect(limiter.trackedKeys).toBe(2); // the overflow dropped the two expired keys
    limiter.record('c');
    limiter.record('d');
    expect(limiter.trackedKeys).toBe(3);
    expect(limiter.check('a').allowed).toBe(true); // 'a' was the least recently used, so it was evicted
    expect(limiter.check('b').allowed).toBe(false);
  });
});
