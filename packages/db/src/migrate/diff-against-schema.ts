import type { MigrationList } from '@prisma/schema-engine-wasm';
import { openSchemaEngine } from './schema-engine.ts';

export interface SchemaDiff {
  /** True when replaying the migrations does not yield schema.prisma. */
  hasChanges: boolean;
  /** The engine's output: the SQL that closes the gap (`asSql`), or a summary of it. */
  output: string;
}

/**
 * Replays `migrations` into a shadow database on the server behind `databaseUrl` and compares the
 * result with schema.prisma. Shared by `db:migration:check` and `db:migration:create`.
 */
export async function diffMigrationsAgainstSchema(
  databaseUrl: string,
  migrations: MigrationList,
  options: { asSql: boolean },
): Promise<SchemaDiff> {
  const engine = await openSchemaEngine(databaseUrl);
  try {
    const result = await engine.run('diff', (e) =>
      e.diff({
        from: { tag: 'migrations', ...migrations },
        to: { tag: 'schemaDatamodel', files: engine.schemaFiles },
        script: options.asSql,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    // With exitCode requested the engine answers 2 for "there is a difference", 0 for none.
    return { hasChanges: result.exitCode === 2, output: result.stdout ?? '' };
  } finally {
    await engine.close();
  }
}
