import { NotFound, Unavailable } from '@kairos/errors';
import type { TaskMessage } from '@kairos/history/client';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { startTask } from './task-starter.ts';

const task = { workflowId: 'w' } as TaskMessage;
const logger = createLogger({ service: 'test', level: 'silent' });
const live = new AbortController().signal;

describe('startTask', () => {
  it('starts the task through history', async () => {
    expect(await startTask(task, live, async () => 'response', logger)).toEqual({
      kind: 'started',
      response: 'response',
    });
  });

  it('drops a task history no longer knows (NOT_FOUND)', async () => {
    expect(await startTask(task, live, () => Promise.reject(new NotFound('gone')), logger)).toEqual({
      kind: 'stale',
    });
  });

  it('returns the task to the backlog on any other failure', async () => {
    for (const error of [new Unavailable('shard moving'), new Error('socket hang up')]) {
      expect(await startTask(task, live, () => Promise.reject(error), logger)).toEqual({ kind: 'returned' });
    }
  });

  it('never asks history for an aborted poll', async () => {
    const controller = new AbortController();
    controller.abort();
    let asked = false;
    const outcome = await startTask(task, controller.signal, async () => (asked = true), logger);
    expect(outcome).toEqual({ kind: 'returned' });
    expect(asked).toBe(false);
  });
});
