import { describe, expect, it } from 'vitest';
import { TaskRates } from './task-rates.ts';

const key = { namespaceId: 'ns', name: 'orders', type: 'activity' as const };

describe('TaskRates', () => {
  it('averages additions and dispatches over the last 30 seconds', () => {
    const clock = { now: 1_000_000 };
    const rates = new TaskRates(() => clock.now);
    for (let index = 0; index < 6; index++) rates.added(key);
    rates.dispatched(key);
    expect(rates.rates(key)).toEqual({ addRate: 6 / 30, dispatchRate: 1 / 30 });
    expect(rates.rates({ ...key, type: 'workflow' })).toEqual({ addRate: 0, dispatchRate: 0 });

    clock.now += 20_000;
    rates.added(key);
    expect(rates.rates(key).addRate).toBeCloseTo(7 / 30);
    clock.now += 15_000;
    expect(rates.rates(key)).toEqual({ addRate: 1 / 30, dispatchRate: 0 });
    clock.now += 30_000;
    rates.prune();
    expect(rates.rates(key)).toEqual({ addRate: 0, dispatchRate: 0 });
  });
});
