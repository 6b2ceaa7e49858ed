/**
 * Behind infra/postgres/{up,down,status}. Progress goes to stderr; `up` prints one line on stdout,
 * `export DATABASE_URL=…`, so callers can `eval "$(infra/postgres/up)"`.
 *
 *   tsx cli.ts up     --data-dir <dir> --port <port> [--host 127.0.0.1]
 *   tsx cli.ts down   --data-dir <dir>
 *   tsx cli.ts status --data-dir <dir>
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseDatabaseUrl, redactDatabaseUrl } from '../database-url.ts';
import { embeddedPostgresStatus, startEmbeddedPostgres, stopEmbeddedPostgres } from '../embedded-postgres.ts';
import { tryConnect } from './bootstrap-database.ts';

const argsSchema = z.object({
  command: z.enum(['up', 'down', 'status']),
  dataDir: z.string().min(1, '--data-dir is required'),
  port: z.coerce.number().int().min(1).max(65535).default(5433),
  host: z.string().min(1).default('127.0.0.1'),
});

const log = (message: string) => process.stderr.write(`postgres: ${message}\n`);

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  });
  const args = argsSchema.parse({
    command: positionals[0],
    dataDir: values['data-dir'],
    port: values.port,
    host: values.host,
  });

  if (args.command === 'up') return up(args);
  if (args.command === 'down') {
    const stopped = await stopEmbeddedPostgres({ dataDir: args.dataDir });
    log(stopped ? 'stopped' : 'not running');
    return 0;
  }
  const server = await embeddedPostgresStatus({ dataDir: args.dataDir });
  log(server ? `running: pid ${server.pid}, port ${server.port}, ${server.status}` : 'not running');
  return server ? 0 : 3;
}

async function up(args: z.infer<typeof argsSchema>): Promise<number> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    const databaseUrl = parseDatabaseUrl(fromEnv);
    const outcome = await tryConnect(databaseUrl);
    if (outcome.ok) {
      log(`DATABASE_URL (${redactDatabaseUrl(databaseUrl)}) is reachable; using it, starting nothing`);
      console.log(`export DATABASE_URL=${shellQuote(databaseUrl)}`);
      return 0;
    }
    log(
      `DATABASE_URL (${redactDatabaseUrl(databaseUrl)}) is not reachable (${outcome.message}); starting the local server`,
    );
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres({
    dataDir: args.dataDir,
    port: args.port,
    host: args.host,
    log,
  });
  log(
    server.startedHere
      ? `ready on ${args.host}:${args.port} in ${Date.now() - started} ms${server.initialised ? ' (new cluster)' : ''}`
      : `already running on ${args.host}:${args.port}`,
  );
  console.log(`export DATABASE_URL=${shellQuote(server.databaseUrl)}`);
  return 0;
}

/** Single-quotes for POSIX shells, so `eval` never expands anything in a password. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(value) ? value : `'${value.replaceAll("'", `'"'"'`)}'`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(
      error instanceof z.ZodError
        ? z.prettifyError(error)
        : error instanceof Error
          ? error.message
          : String(error),
    );
    process.exit(1);
  },
);
