import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '../directory-lock.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { handToServer, type ServerIdentity } from './server-os-user.ts';

/** What lives in a server's directory. */
export interface ClusterPaths {
  /** PGDATA. */
  pgdata: string;
  /** Server log (pg_ctl -l). */
  logFile: string;
  /** Password of the `postgres` superuser, made up at initdb; only we read it (mode 0600). */
  superuserPasswordFile: string;
}

export function clusterPaths(dataDir: string): ClusterPaths {
  return {
    pgdata: path.join(dataDir, 'pgdata'),
    logFile: path.join(dataDir, 'postgres.log'),
    superuserPasswordFile: path.join(dataDir, 'superuser-password'),
  };
}

export const SUPERUSER = 'postgres';
const LOG_ROTATE_BYTES = 20 * 1024 * 1024;

export async function isInitialised(paths: ClusterPaths): Promise<boolean> {
  return access(path.join(paths.pgdata, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/**
 * initdb into a scratch directory, renamed into place only when complete, so a run killed half way
 * leaves nothing that looks like a cluster. UTF-8 with Postgres 17's builtin C.UTF-8 locale: the same
 * sorting and case rules on every machine, whatever OS locales are installed.
 */
export async function initialiseCluster(paths: ClusterPaths, identity: ServerIdentity): Promise<void> {
  const { initdb } = await postgresBinaries();
  const scratch = `${paths.pgdata}.initdb`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true, mode: 0o700 });
  await handToServer(scratch, identity);
  const password = randomBytes(24).toString('hex');
  await writeFile(paths.superuserPasswordFile, password + '\n', { mode: 0o600 });
  const passwordFile = path.join(scratch, '..', `.initdb-password-${process.pid}`);
  await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  await handToServer(passwordFile, identity);
  try {
    await runAsServer(
      initdb,
      [
        `--pgdata=${scratch}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      identity,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
  await rename(scratch, paths.pgdata);
}

export interface StartClusterOptions {
  host: string;
  port: number;
  timeoutSeconds: number;
}

/**
 * Starts the server detached (pg_ctl puts it in its own session, so it outlives us and ignores our
 * terminal's Ctrl-C) and waits until it accepts connections. Listens on TCP only: no Unix socket, so
 * two servers never fight over /tmp/.s.PGSQL.<port>.
 */
export async function startCluster(
  paths: ClusterPaths,
  identity: ServerIdentity,
  options: StartClusterOptions,
): Promise<void> {
  const { pg_ctl } = await postgresBinaries();
  if (!/^[A-Za-z0-9.:-]+$/.test(options.host)) throw new Error(`Invalid listen host: ${options.host}`);
  await rotateLog(paths.logFile);
  await writeFile(paths.logFile, '', { flag: 'a' });
  await handToServer(paths.logFile, identity);
  const serverOptions = `-p ${options.port} -c listen_addresses=${options.host} -c unix_socket_directories=''`;
  try {
    await runAsServer(
      pg_ctl,
      [
        'start',
        '-D',
        paths.pgdata,
        '-l',
        paths.logFile,
        '-w',
        '-t',
        String(options.timeoutSeconds),
        '-o',
        serverOptions,
      ],
      identity,
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n--- last lines of ${paths.logFile} ---\n${await logTail(paths.logFile)}`,
      {
        cause: error,
      },
    );
  }
}

/** Fast shutdown (rolls back open transactions, checkpoints); immediate if that does not finish. */
export async function stopCluster(
  paths: ClusterPaths,
  identity: ServerIdentity,
  timeoutSeconds = 60,
): Promise<void> {
  const { pg_ctl } = await postgresBinaries();
  try {
    await runAsServer(
      pg_ctl,
      ['stop', '-D', paths.pgdata, '-m', 'fast', '-w', '-t', String(timeoutSeconds)],
      identity,
    );
  } catch {
    await runAsServer(pg_ctl, ['stop', '-D', paths.pgdata, '-m', 'immediate', '-w', '-t', '30'], identity);
  }
}

export interface RunningServer {
  pid: number;
  port: number;
  /** `ready` once it accepts connections (`starting`, `stopping` before and after). */
  status: string;
}

/** Reads PGDATA/postmaster.pid; undefined when there is none or its process is gone (a crash). */
export async function runningServer(paths: ClusterPaths): Promise<RunningServer | undefined> {
  const content = await readFile(path.join(paths.pgdata, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (content === undefined) return undefined;
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

export async function readSuperuserPassword(paths: ClusterPaths): Promise<string> {
  try {
    return (await readFile(paths.superuserPasswordFile, 'utf8')).trim();
  } catch (error) {
    throw new Error(
      `Cannot read ${paths.superuserPasswordFile} (made by initdb; needed to create roles). ` +
        'Remove the whole directory to start over with an empty cluster.',
      { cause: error },
    );
  }
}

export async function logTail(logFile: string, lines = 40): Promise<string> {
  const content = await readFile(logFile, 'utf8').catch(() => '');
  return content
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}

async function rotateLog(logFile: string): Promise<void> {
  const size = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  if (size > LOG_ROTATE_BYTES) await rename(logFile, `${logFile}.1`);
}

/** Runs a Postgres binary as the server's user, failing with its output when it exits non-zero. */
function runAsServer(command: string, args: string[], identity: ServerIdentity): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(identity ?? {}),
      // A directory the server's user can read: pg_ctl and initdb stat their working directory.
      cwd: '/',
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const name = path.basename(command);
      reject(
        new Error(`${name} ${args[0]} exited with ${code}: ${Buffer.concat(output).toString('utf8').trim()}`),
      );
    });
  });
}
