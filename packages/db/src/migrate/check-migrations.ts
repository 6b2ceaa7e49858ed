import { prismaPaths } from '../prisma-paths.ts';
import { LOCKFILE_CONTENT, listMigrations } from './migrations-directory.ts';
import { openSchemaEngine } from './schema-engine.ts';

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
  const engine = await openSchemaEngine(databaseUrl);
  try {
    const result = await engine.run('diff', (e) =>
      e.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: engine.schemaFiles },
        script: false,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    // With exitCode requested the engine answers 2 for "there is a difference", 0 for none.
    return {
      inSync: result.exitCode === 0,
      differences: result.exitCode === 0 ? '' : (result.stdout ?? '').trim(),
    };
  } finally {
    await engine.close();
  }
}
