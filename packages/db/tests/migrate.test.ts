import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, applyMigrations } from '../src/migrate/apply-migrations.ts';
import { checkMigrations } from '../src/migrate/check-migrations.ts';
import { createMigration } from '../src/migrate/create-migration.ts';
import { SHADOW_DATABASE_PREFIX } from '../src/migrate/migration-adapter-factory.ts';
import { LOCKFILE_CONTENT, LOCKFILE_NAME } from '../src/migrate/migrations-directory.ts';
import { MigrationError } from '../src/migrate/schema-engine.ts';
import { prismaPaths } from '../src/prisma-paths.ts';
import {
  createThrowawayDatabase,
  onServer,
  serverUrl,
  type ThrowawayDatabase,
} from '../src/testing/index.ts';

const run = promisify(execFile);
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const migrateCli = fileURLToPath(new URL('../src/migrate/cli.ts', import.meta.url));
const applyThenExit = fileURLToPath(new URL('./support/apply-then-exit.ts', import.meta.url));

const databases: ThrowawayDatabase[] = [];
async function freshDatabase(purpose: string): Promise<ThrowawayDatabase> {
  const database = await createThrowawayDatabase(purpose);
  databases.push(database);
  return database;
}
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  return onServer(async (client) => (await client.query<T>(sql, values)).rows, url);
}

let checkedInMigrations: string[];
beforeAll(async () => {
  const entries = await readdir(prismaPaths.migrations, { withFileTypes: true });
  checkedInMigrations = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
});

describe('applyMigrations', () => {
  it('builds the control plane and the engine tables in an empty database and records each migration', async () => {
    const database = await freshDatabase('apply');
    const result = await applyMigrations(database.url);
    expect(result.appliedMigrationNames).toEqual(checkedInMigrations);

    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual([
      '_prisma_migrations',
      'accounts',
      'api_instances',
      'api_keys',
      'audit_log',
      'current_executions',
      'engine_settings',
      'executions',
      'history_events',
      'history_shards',
      'invitations',
      'memberships',
      'namespace_quotas',
      'namespaces',
      'outbox',
      'saved_views',
      'schedules',
      'search_attributes',
      'sessions',
      'task_queue_tasks',
      'timer_tasks',
      'users',
      'visibility_records',
    ]);
    const enums = await query<{ typname: string }>(
      database.url,
      `SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY typname`,
    );
    expect(enums.map((row) => row.typname)).toEqual(['account_plan', 'membership_role', 'namespace_state']);
    const history = await query<{ migration_name: string; finished_at: Date | null }>(
      database.url,
      'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history.map((row) => row.migration_name)).toEqual(checkedInMigrations);
    expect(history.every((row) => row.finished_at !== null)).toBe(true);

    const again = await applyMigrations(database.url);
    expect(again.appliedMigrationNames).toEqual([]);
    const historyAfter = await query(database.url, 'SELECT 1 FROM _prisma_migrations');
    expect(historyAfter).toHaveLength(checkedInMigrations.length);
  });

  it('lets two processes apply at once: one applies, the other finds nothing to do', async () => {
    const database = await freshDatabase('concurrent');
    const apply = () =>
      run(tsx, [migrateCli, 'apply'], { env: { ...process.env, DATABASE_URL: database.url } }).then(
        (r) => r.stdout,
      );
    const outputs = await Promise.all([apply(), apply()]);

    expect(outputs.filter((out) => out.includes('applied ')).length).toBe(1);
    expect(outputs.filter((out) => out.includes('no pending migrations')).length).toBe(1);
    const history = await query<{ migration_name: string }>(
      database.url,
      'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history.map((row) => row.migration_name)).toEqual(checkedInMigrations);
  });

  it('lets a script that applied migrations exit at once (no pool or engine timer left behind)', async () => {
    const database = await freshDatabase('exit');
    const { stdout } = await run(tsx, [applyThenExit], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    const lingeredMs = Number(/lingered (\d+) ms/.exec(stdout)?.[1]);
    expect(lingeredMs).toBeLessThan(2_000);
  });

  it('also serialises concurrent applies within one process', async () => {
    const database = await freshDatabase('inprocess');
    const results = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    expect(results.map((r) => r.appliedMigrationNames.length).sort()).toEqual([
      0,
      checkedInMigrations.length,
    ]);
  });

  describe('while another session holds the migration lock', () => {
    let holder: pg.Client;
    afterEach(async () => {
      await holder.end();
    });

    it('waits for it, then applies', async () => {
      const database = await freshDatabase('lock');
      holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);

      let settled = false;
      const applying = applyMigrations(database.url).finally(() => {
        settled = true;
      });
      await waitFor(async () => (await advisoryLockWaiters(database.name)) === 1);
      expect(settled).toBe(false);
      expect(
        await query(database.url, `SELECT 1 FROM pg_tables WHERE tablename = 'namespaces'`),
      ).toHaveLength(0);

      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      expect((await applying).appliedMigrationNames).toEqual(checkedInMigrations);
    });

    it('gives up after lockTimeoutMs', async () => {
      const database = await freshDatabase('locktimeout');
      holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await expect(applyMigrations(database.url, { lockTimeoutMs: 300 })).rejects.toThrow(
        /Timed out after 300 ms/,
      );
    });
  });

  it('refuses a database that already has tables but no migration history (P3005)', async () => {
    const database = await freshDatabase('nonempty');
    await query(database.url, 'CREATE TABLE unrelated (id int)');
    const failure = applyMigrations(database.url);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toMatchObject({ code: 'P3005' });
  });
});

describe('schema.prisma and prisma/migrations', () => {
  it('are in sync (run db:migration:create after editing the schema)', async () => {
    const result = await checkMigrations(serverUrl);
    expect(result.differences).toBe('');
    expect(result.inSync).toBe(true);
  });
});

describe('createMigration and checkMigrations on a scratch migrations directory', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'kairos-migrations-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('reports drift when migrations are missing, writes the migration, then reports none', async () => {
    const before = await shadowDatabases();
    const empty = await checkMigrationsIn(scratch, { withLockfile: true });
    expect(empty.inSync).toBe(false);
    expect(empty.differences).toMatch(/namespaces/);

    const created = await createMigration(serverUrl, 'Init Control Plane', {
      migrationsDir: scratch,
      now: new Date('2030-01-02T03:04:05Z'),
    });
    expect(created.migrationName).toBe('20300102030405_init_control_plane');
    const script = await readFile(path.join(scratch, created.migrationName ?? '', 'migration.sql'), 'utf8');
    expect(script).toContain('CREATE TABLE "namespaces"');
    expect(script).toContain('CREATE UNIQUE INDEX "namespaces_name_key"');
    expect(await readFile(path.join(scratch, LOCKFILE_NAME), 'utf8')).toBe(LOCKFILE_CONTENT);

    expect((await checkMigrations(serverUrl, { migrationsDir: scratch })).inSync).toBe(true);
    const nothing = await createMigration(serverUrl, 'again', { migrationsDir: scratch });
    expect(nothing).toEqual({ migrationName: null, file: null });
    const leftOver = (await shadowDatabases()).filter((name) => !before.includes(name));
    expect(leftOver).toEqual([]);
  });

  it('fails the check when the lockfile is missing', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'kairos-migrations-'));
    try {
      await cp(prismaPaths.migrations, copy, { recursive: true });
      await rm(path.join(copy, LOCKFILE_NAME));
      const result = await checkMigrations(serverUrl, { migrationsDir: copy });
      expect(result).toMatchObject({
        inSync: false,
        differences: expect.stringMatching(/migration_lock\.toml/),
      });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

async function checkMigrationsIn(dir: string, options: { withLockfile: boolean }) {
  if (options.withLockfile) await writeFile(path.join(dir, LOCKFILE_NAME), LOCKFILE_CONTENT);
  return checkMigrations(serverUrl, { migrationsDir: dir });
}

async function shadowDatabases(): Promise<string[]> {
  const rows = await query<{ datname: string }>(
    serverUrl,
    `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname`,
    [`${SHADOW_DATABASE_PREFIX}%`],
  );
  return rows.map((row) => row.datname);
}

/** Sessions of `database` waiting for an advisory lock. */
async function advisoryLockWaiters(database: string): Promise<number> {
  const rows = await query<{ waiting: string }>(
    serverUrl,
    `SELECT count(*) AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = $1`,
    [database],
  );
  return Number(rows[0]?.waiting ?? 0);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}
