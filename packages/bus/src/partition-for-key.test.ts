import { describe, expect, it } from 'vitest';
import { partitionForKey } from './partition-for-key.ts';
import { retryDelayMs } from './redelivery.ts';

describe('partitionForKey', () => {
  it('is stable for a key and within range', () => {
    expect(partitionForKey('default/orders', 4)).toBe(partitionForKey('default/orders', 4));
    for (let index = 0; index < 200; index++) {
      const partition = partitionForKey(`ns/queue-${index}`, 7);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(7);
    }
  });

  it('spreads keys over every partition', () => {
    const used = new Set(Array.from({ length: 100 }, (_, index) => partitionForKey(`queue-${index}`, 4)));
    expect(used.size).toBe(4);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 100 ms and caps at 5 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(retryDelayMs)).toEqual([100, 200, 400, 800, 5_000, 5_000]);
  });
});
