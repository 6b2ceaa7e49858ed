import path from 'node:path';
import { prismaPaths } from '../prisma-paths.ts';
import {
  LOCKFILE_CONTENT,
  listMigrations,
  migrationDirectoryName,
  normaliseMigrationName,
  writeMigration,
} from './migrations-directory.ts';
import { diffMigrationsAgainstSchema } from './diff-against-schema.ts';

export interface CreateMigrationOptions {
  /** Defaults to packages/db/prisma/migrations. */
  migrationsDir?: string;
  /** Write a migration even when the schema has no changes (for hand-written SQL). */
  allowEmpty?: boolean;
  /** For tests: the clock that stamps the directory name. */
  now?: Date;
}

export interface CreateMigrationResult {
  /** `<timestamp>_<name>`, or null when there was nothing to migrate. */
  migrationName: string | null;
  file: string | null;
}

/**
 * `prisma migrate dev --create-only` without touching the target database's schema: the engine
 * replays the existing migrations into a throwaway shadow database on the same server, diffs that
 * against schema.prisma and renders the SQL, which we write as the next migration.
 *
 * We ask for a `diff` rather than `createMigration`: in the Wasm engine only `diff` (and the
 * diagnostics) receive the adapter factory, so only they can open a shadow database. The script is
 * rendered by the same code either way.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreateMigrationResult> {
  const migrationsDir = options.migrationsDir ?? prismaPaths.migrations;
  const directoryName = migrationDirectoryName(normaliseMigrationName(name), options.now ?? new Date());
  const migrationsList = await listMigrations(migrationsDir);
  // The first migration has no lockfile yet; the engine reads the provider from it (we write it below).
  migrationsList.lockfile.content ??= LOCKFILE_CONTENT;
  const diff = await diffMigrationsAgainstSchema(databaseUrl, migrationsList, { asSql: true });
  if (!diff.hasChanges && !options.allowEmpty) return { migrationName: null, file: null };
  const script = diff.hasChanges ? diff.output : '-- Hand-written migration: replace this line with SQL.\n';
  const file = await writeMigration(migrationsDir, directoryName, script);
  return { migrationName: directoryName, file: path.relative(process.cwd(), file) };
}
