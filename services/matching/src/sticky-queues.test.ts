import { describe, expect, it } from 'vitest';
import { StickyQueues } from './sticky-queues.ts';

function clockAt(start: number) {
  const clock = { now: start, read: () => clock.now };
  return clock;
}

describe('StickyQueues', () => {
  it('counts a queue never polled here as dead', () => {
    expect(new StickyQueues(10_000).isAlive('ns', 'sticky', 0)).toBe(false);
  });

  it('keeps a queue alive for the grace period after its last poll ended, and while a poll waits', () => {
    const clock = clockAt(1_000);
    const queues = new StickyQueues(10_000, clock.read);
    queues.pollStarted('ns', 'sticky');
    clock.now += 60_000;
    expect(queues.isAlive('ns', 'sticky', 1)).toBe(true);
    queues.pollEnded('ns', 'sticky');
    clock.now += 10_000;
    expect(queues.isAlive('ns', 'sticky', 0)).toBe(true);
    clock.now += 1;
    expect(queues.isAlive('ns', 'sticky', 0)).toBe(false);
    expect(queues.isAlive('other-ns', 'sticky', 0)).toBe(false);
  });

  it('declares a shut-down queue dead at once; a poll still in flight does not revive it, a new one does', () => {
    const clock = clockAt(1_000);
    const queues = new StickyQueues(10_000, clock.read);
    queues.pollStarted('ns', 'sticky');
    queues.shutDown('ns', 'sticky');
    expect(queues.isAlive('ns', 'sticky', 1)).toBe(false);
    queues.pollEnded('ns', 'sticky');
    expect(queues.isAlive('ns', 'sticky', 0)).toBe(false);
    queues.pollStarted('ns', 'sticky');
    expect(queues.isAlive('ns', 'sticky', 1)).toBe(true);
  });

  it('forgets queues idle past the limit unless a poll waits on them', () => {
    const clock = clockAt(1_000);
    const queues = new StickyQueues(100, clock.read);
    queues.pollStarted('ns', 'idle');
    queues.pollStarted('ns', 'waiting');
    clock.now += 5_000;
    queues.prune(1_000, (_namespaceId, name) => (name === 'waiting' ? 1 : 0));
    queues.pollEnded('ns', 'idle');
    queues.pollEnded('ns', 'waiting');
    expect(queues.isAlive('ns', 'idle', 0)).toBe(false);
    expect(queues.isAlive('ns', 'waiting', 0)).toBe(true);
  });
});
