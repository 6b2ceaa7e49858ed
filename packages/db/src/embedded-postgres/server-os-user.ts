import { execFile } from 'node:child_process';
import { chown, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The uid/gid the server runs as, or undefined when we are not root (then it runs as us). */
export type ServerIdentity = { uid: number; gid: number } | undefined;

/**
 * Postgres refuses to run as root. As root we run initdb, pg_ctl and the server as an unprivileged
 * OS user (default `postgres`), creating it (system account, no login shell) when it is missing.
 */
export async function resolveServerIdentity(osUser: string): Promise<ServerIdentity> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser(osUser);
  if (existing) return existing;
  const groupExists = await run('getent', ['group', osUser]).then(
    () => true,
    () => false,
  );
  await run('useradd', [
    '--system',
    ...(groupExists ? ['--gid', osUser] : ['--user-group']),
    '--no-create-home',
    '--home-dir',
    '/nonexistent',
    '--shell',
    '/usr/sbin/nologin',
    osUser,
  ]);
  const created = await lookupUser(osUser);
  if (!created) throw new Error(`Created OS user ${osUser} but cannot look it up`);
  return created;
}

async function lookupUser(osUser: string): Promise<ServerIdentity> {
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', osUser]),
      run('id', ['-g', osUser]),
    ]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  } catch {
    return undefined;
  }
}

/** Gives a path to the server's user (no-op when not root). */
export async function handToServer(path: string, identity: ServerIdentity): Promise<void> {
  if (identity) await chown(path, identity.uid, identity.gid);
}

/**
 * The server's user must be able to walk down to its data directory. A private parent (say a 0700
 * mkdtemp directory, or a home directory) makes initdb fail with a bare "permission denied"; say which
 * directory is in the way instead.
 */
export async function assertServerCanReach(dir: string, identity: ServerIdentity): Promise<void> {
  if (!identity) return;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current);
    const mode = info.mode;
    const canEnter =
      (info.uid === identity.uid && (mode & 0o100) !== 0) ||
      (info.gid === identity.gid && (mode & 0o010) !== 0) ||
      (mode & 0o001) !== 0;
    if (!canEnter) {
      throw new Error(
        `The Postgres OS user (uid ${identity.uid}) cannot enter ${current} (mode ${(mode & 0o777).toString(8)}); ` +
          'make it traversable (chmod o+x) or put the data directory elsewhere',
      );
    }
    if (current === path.dirname(current)) return;
  }
}
