import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DirectoryLockOptions {
  /** Give up after this long (default 2 minutes). */
  timeoutMs?: number;
  /** What to call the lock in the timeout error. */
  purpose?: string;
}

/**
 * Runs `task` while holding an exclusive lock between processes on this machine: `mkdir` is atomic,
 * and the directory holds the owner's pid so a lock left by a killed process is taken over instead of
 * blocking forever. (Node has no flock; this is enough for "two `npm start`s at once".)
 */
export async function withDirectoryLock<T>(
  lockDir: string,
  task: () => Promise<T>,
  options: DirectoryLockOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    if (await tryAcquire(lockDir)) break;
    if (!(await ownerIsAlive(lockDir))) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${options.purpose ?? 'the lock'} (${lockDir}); is another process stuck?`,
      );
    }
    await sleep(100);
  }
  try {
    return await task();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function tryAcquire(lockDir: string): Promise<boolean> {
  try {
    await mkdir(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(path.join(lockDir, 'pid'), String(process.pid));
  return true;
}

async function ownerIsAlive(lockDir: string): Promise<boolean> {
  const pid = Number.parseInt(await readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid)) {
    // No pid yet: the owner is between mkdir and writeFile, or died right there.
    const createdAt = await stat(lockDir).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    return Date.now() - createdAt < 10_000;
  }
  return isProcessAlive(pid);
}

/** True when a process with this pid exists (signal 0 only checks). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
