import { describe, expect, it } from 'vitest';
import { planShardBalance, type LeaseRow } from './shard-balance.ts';

describe('planShardBalance', () => {
  const row = (shardId: number, owner: string | null, live = owner !== null): LeaseRow => ({
    shardId,
    rangeId: 1,
    owner,
    live,
  });

  it('aims at every shard when alone, and takes expired ones and its own from a previous life', () => {
    const plan = planShardBalance(
      [row(0, null), row(1, 'old', false), row(2, 'me'), row(3, null)],
      'me',
      new Set(),
    );
    expect(plan).toMatchObject({ target: 4, release: [], acquireCandidates: [0, 1, 2, 3], acquireCount: 4 });
    expect(plan.announce).toBeUndefined();
  });

  it('announces a newcomer by taking the highest shard of the largest owner above its share', () => {
    const rows = [row(0, 'a'), row(1, 'a'), row(2, 'a'), row(3, 'b')];
    expect(planShardBalance(rows, 'me', new Set()).announce).toEqual(row(2, 'a'));
  });

  it('never takes a live shard when nobody holds more than a share (more processes than shards)', () => {
    const rows = [row(0, 'a'), row(1, 'b')];
    expect(planShardBalance(rows, 'me', new Set())).toMatchObject({
      target: 1,
      acquireCount: 1,
      announce: undefined,
    });
  });

  it('releases the surplus, highest ids first, only while another owner is short', () => {
    const rows = [row(0, 'me'), row(1, 'me'), row(2, 'me'), row(3, 'me'), row(4, 'me'), row(5, 'b')];
    const held = new Set([0, 1, 2, 3, 4]);
    expect(planShardBalance(rows, 'me', held)).toMatchObject({ target: 3, release: [4, 3] });
    const balanced = [row(0, 'me'), row(1, 'me'), row(2, 'b'), row(3, 'b'), row(4, 'c')];
    expect(planShardBalance(balanced, 'me', new Set([0, 1]))).toMatchObject({
      target: 2,
      release: [],
      acquireCount: 0,
    });
  });
});
