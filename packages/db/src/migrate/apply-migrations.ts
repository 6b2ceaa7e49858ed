import pg from 'pg';
import { prismaPaths } from '../prisma-paths.ts';
import { listMigrations } from './migrations-directory.ts';
import { openSchemaEngine } from './schema-engine.ts';

/**
 * Our own advisory lock, taken on a separate connection around the whole apply. It must differ from
 * the one Prisma's engine may take inside (72707369), or we would wait for ourselves.
 */
export const MIGRATION_LOCK_KEY = '7240915371540551';

export interface ApplyMigrationsOptions {
  /** Defaults to packages/db/prisma/migrations. */
  migrationsDir?: string;
  /** How long to wait for another process's apply to finish (default 5 minutes). */
  lockTimeoutMs?: number;
}

export interface ApplyMigrationsResult {
  appliedMigrationNames: string[];
}

/**
 * Applies every migration in the migrations directory that the database has not recorded in
 * `_prisma_migrations` (what `prisma migrate deploy` does). Idempotent: a second run applies nothing.
 * Safe to call from several processes at once: they queue on a Postgres advisory lock (per database),
 * and each one after the first finds nothing left to do.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const migrationsDir = options.migrationsDir ?? prismaPaths.migrations;
  const lockSession = new pg.Client({ connectionString: databaseUrl });
  // If this session drops mid-apply the lock is gone with it; the engine keeps going on its own
  // connections (and its own lock). Without a listener the 'error' event would crash the process.
  lockSession.on('error', () => undefined);
  await lockSession.connect();
  try {
    await acquireMigrationLock(lockSession, options.lockTimeoutMs ?? 300_000);
    const migrationsList = await listMigrations(migrationsDir);
    const engine = await openSchemaEngine(databaseUrl);
    try {
      return await engine.run('applyMigrations', (e) =>
        e.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
      );
    } finally {
      await engine.close();
    }
  } finally {
    // Ending the session releases the advisory lock even if the apply failed.
    await lockSession.end().catch(() => undefined);
  }
}

async function acquireMigrationLock(session: pg.Client, timeoutMs: number): Promise<void> {
  await session.query(`SET statement_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`);
  try {
    await session.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === '57014') {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for another migration run to finish`, {
        cause: error,
      });
    }
    throw error;
  }
  await session.query('SET statement_timeout = 0');
}
