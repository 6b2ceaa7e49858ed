// Re-indexes visibility from Postgres (operators: a lost or new visibility store, a restore):
//   node --import tsx services/history/src/cli/reindex-visibility.ts [--namespace <name>]
// Needs DATABASE_URL. Queues one visibility change per run in the outbox; the history processes that
// own the runs' shards publish them to the indexer. Prints how many runs were queued.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@kairos/config';
import { createDatabasePool } from '@kairos/db';
import type pg from 'pg';
import { reindexVisibility } from '../visibility/reindex-visibility.ts';

const usage = `usage: node --import tsx services/history/src/cli/reindex-visibility.ts [--namespace <name>]
Every namespace when --namespace is absent. Needs DATABASE_URL.`;

function usageError(problem: string): never {
  process.stderr.write(`reindex-visibility: ${problem}\n${usage}\n`);
  process.exit(64); // EX_USAGE
}

function parseNamespace(): string | undefined {
  try {
    const { values } = parseArgs({
      options: { namespace: { type: 'string' }, help: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    if (values.namespace === '') usageError('--namespace must not be empty');
    return values.namespace;
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
}

async function namespaceIdOf(pool: pg.Pool, name: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM namespaces WHERE name = $1', [name]);
  const id = rows[0]?.id;
  if (id === undefined) {
    process.stderr.write(`reindex-visibility: no namespace named ${JSON.stringify(name)}\n`);
    process.exit(1);
  }
  return id;
}

const namespace = parseNamespace();
const config = loadConfigOrExit(['DATABASE_URL'], {
  required: ['DATABASE_URL'],
  why: 'to re-index visibility (the database of the history service)',
});
const pool = createDatabasePool(config.DATABASE_URL, {
  max: 2,
  logger: { warn: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`) },
});
try {
  const namespaceId = namespace === undefined ? undefined : await namespaceIdOf(pool, namespace);
  const queued = await reindexVisibility(pool, { namespaceId });
  process.stdout.write(
    `queued ${queued} run${queued === 1 ? '' : 's'} for re-indexing` +
      `${namespace === undefined ? '' : ` in namespace ${namespace}`}\n`,
  );
} finally {
  await pool.end();
}
