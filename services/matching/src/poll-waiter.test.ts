import { describe, expect, it } from 'vitest';
import type { TaskMessage } from '@kairos/history/client';
import { PollWaiter, type SyncMatch } from './poll-waiter.ts';
import { WaitingPolls } from './waiting-polls.ts';

const key = { namespaceId: 'ns', name: 'orders', type: 'workflow' as const };
const match = (): SyncMatch => ({ task: { workflowId: 'w' } as TaskMessage, settle: () => undefined });

/** Lets the waiter's wait() get to its idle state. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PollWaiter and WaitingPolls', () => {
  it('takes a task only while idle, and hands it out of wait()', async () => {
    const waiter = new PollWaiter(new AbortController().signal);
    expect(waiter.tryOffer(match())).toBe(false);
    const waited = waiter.wait(10_000);
    await tick();
    const offered = match();
    expect(waiter.tryOffer(offered)).toBe(true);
    expect(waiter.tryOffer(match())).toBe(false);
    expect(await waited).toBe(offered);
  });

  it('refuses tasks once aborted, even before its wait() noticed', async () => {
    const controller = new AbortController();
    const waiter = new PollWaiter(controller.signal);
    const waited = waiter.wait(10_000);
    await tick();
    controller.abort();
    expect(waiter.tryOffer(match())).toBe(false);
    expect(await waited).toBeUndefined();
  });

  it('returns at once from the next wait() when woken while busy', async () => {
    const waiter = new PollWaiter(new AbortController().signal);
    waiter.wake();
    const started = Date.now();
    expect(await waiter.wait(10_000)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('offers to the longest-waiting idle poll and wakes one idle poll per addition', async () => {
    const polls = new WaitingPolls();
    const first = new PollWaiter(new AbortController().signal);
    const second = new PollWaiter(new AbortController().signal);
    polls.add(key, first);
    polls.add(key, second);
    const firstWait = first.wait(10_000);
    const secondWait = second.wait(10_000);
    await tick();
    expect(polls.idleCount(key)).toBe(2);

    polls.wake(key);
    expect(await firstWait).toBeUndefined();
    expect(second.isIdle).toBe(true);
    const offered = match();
    expect(polls.offer(key, offered)).toBe(true);
    expect(await secondWait).toBe(offered);
    expect(polls.offer(key, match())).toBe(false);

    polls.delete(key, first);
    polls.delete(key, second);
    expect(polls.count(key)).toBe(0);
  });
});
