/**
 * The migrate commands of @kairos/db (Prisma's schema engine in Wasm; see schema-engine.ts):
 *
 *   npm run db:migrate -w @kairos/db                         apply pending migrations
 *   npm run db:migration:create -w @kairos/db -- <name>      write the next migration from schema.prisma
 *   npm run db:migration:check -w @kairos/db                 fail if schema.prisma and migrations differ
 *
 * The database is DATABASE_URL, default the infra one (postgresql://kairos:kairos@127.0.0.1:5433/kairos).
 * create and check only use throwaway shadow databases on that server; apply changes the database.
 */
import { parseArgs } from 'node:util';
import { INFRA_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from '../database-url.ts';
import { applyMigrations } from './apply-migrations.ts';
import { checkMigrations } from './check-migrations.ts';
import { createMigration } from './create-migration.ts';

const usage = `usage: cli.ts apply | create <name> [--allow-empty] | check`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'allow-empty': { type: 'boolean', default: false } },
  });
  const [command, ...rest] = positionals;
  const databaseUrl = parseDatabaseUrl(process.env.DATABASE_URL || INFRA_DATABASE_URL);
  const target = redactDatabaseUrl(databaseUrl);
  const started = Date.now();
  const took = () => `${Date.now() - started} ms`;

  switch (command) {
    case 'apply': {
      const { appliedMigrationNames } = await applyMigrations(databaseUrl);
      console.log(
        appliedMigrationNames.length === 0
          ? `[db:migrate] ${target}: no pending migrations (${took()})`
          : `[db:migrate] ${target}: applied ${appliedMigrationNames.join(', ')} (${took()})`,
      );
      return 0;
    }
    case 'create': {
      if (rest.length !== 1 || !rest[0]) throw new Error(`create takes one migration name\n${usage}`);
      const result = await createMigration(databaseUrl, rest[0], { allowEmpty: values['allow-empty'] });
      console.log(
        result.file
          ? `[db:migration:create] wrote ${result.file} (${took()}); review it, then npm run db:migrate`
          : '[db:migration:create] schema.prisma matches the migrations: nothing to create (use --allow-empty for a hand-written one)',
      );
      return 0;
    }
    case 'check': {
      const { inSync, differences } = await checkMigrations(databaseUrl);
      if (inSync) {
        console.log(`[db:migration:check] schema.prisma and prisma/migrations agree (${took()})`);
        return 0;
      }
      console.error(
        `[db:migration:check] schema.prisma and prisma/migrations differ; run npm run db:migration:create -w @kairos/db -- <name>\n${differences}`,
      );
      return 1;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
