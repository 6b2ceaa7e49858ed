import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive, withDirectoryLock } from './directory-lock.ts';

describe('withDirectoryLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kairos-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs tasks one at a time', async () => {
    const lock = path.join(dir, 'lock');
    const events: string[] = [];
    let releaseFirst = () => {};
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted = () => {};
    const firstHasStarted = new Promise<void>((resolve) => (firstStarted = resolve));

    const first = withDirectoryLock(lock, async () => {
      events.push('first:start');
      firstStarted();
      await firstMayFinish;
      events.push('first:end');
    });
    await firstHasStarted;
    const second = withDirectoryLock(lock, async () => {
      events.push('second:start');
    });
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first:start', 'first:end', 'second:start']);
  });

  it('takes over a lock whose owner has died', async () => {
    const lock = path.join(dir, 'lock');
    const deadPid = await exitedProcessPid();
    await mkdir(lock);
    await writeFile(path.join(lock, 'pid'), String(deadPid));
    await expect(withDirectoryLock(lock, async () => 'ran', { timeoutMs: 5_000 })).resolves.toBe('ran');
  });

  it('times out while a live process holds the lock', async () => {
    const lock = path.join(dir, 'lock');
    await mkdir(lock);
    await writeFile(path.join(lock, 'pid'), String(process.pid));
    await expect(
      withDirectoryLock(lock, async () => 'ran', { timeoutMs: 300, purpose: 'test' }),
    ).rejects.toThrow(/Timed out waiting for test/);
  });
});

/** The pid of a process that has already exited. */
async function exitedProcessPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.on('exit', resolve));
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}
