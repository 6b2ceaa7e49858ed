import { prismaPaths } from '../prisma-paths.ts';
import { LOCKFILE_CONTENT, listMigrations } from './migrations-directory.ts';
import { diffMigrationsAgainstSchema } from './diff-against-schema.ts';

export interface CheckMigrationsResult {
  inSync: boolean;
  /** What a new migration would have to do, in the engine's words; empty when in sync. */
  differences: string;
}

/**
 * Does replaying the migrations produce exactly the schema in schema.prisma? Uses a shadow database on
 * the server behind `databaseUrl`; the target database itself is not read or changed. A failing check
 * means someone edited schema.prisma without `db:migration:create` (or edited a migration by hand).
 */
export async function checkMigrations(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<CheckMigrationsResult> {
  const migrationsList = await listMigrations(options.migrationsDir ?? prismaPaths.migrations);
  if (migrationsList.lockfile.content !== LOCKFILE_CONTENT) {
    return {
      inSync: false,
      differences: 'migration_lock.toml is missing or does not say provider = "postgresql"',
    };
  }
  const diff = await diffMigrationsAgainstSchema(databaseUrl, migrationsList, { asSql: false });
  return { inSync: !diff.hasChanges, differences: diff.hasChanges ? diff.output.trim() : '' };
}
