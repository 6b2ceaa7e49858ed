// Mints an API key from the command line (operators; cluster mode, where SDKs need a key):
//   node --import tsx apps/api/src/cli/create-api-key.ts --account system --role admin \
//     --namespaces all --expires-in-days 30 --name ci
// Needs DATABASE_URL (the cluster's database). Prints the key once on stdout, nothing else there.
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@kairos/config';
import { createPrismaClient, ensureDefaultNamespace, SYSTEM_ACCOUNT_ID } from '@kairos/db';
import { isDomainError } from '@kairos/errors';
import { issueApiKey, type IssueApiKeyInput } from './api-key-issuer.ts';

const usage = `usage: node --import tsx apps/api/src/cli/create-api-key.ts --account <account id|system>
         [--role admin|developer|read_only] [--namespaces all|<name>,<name>...]
         [--expires-in-days 1..365] [--name <label>]
Defaults: --role admin --namespaces all --expires-in-days 30 --name cli. Needs DATABASE_URL.`;

function usageError(problem: string): never {
  process.stderr.write(`create-api-key: ${problem}\n${usage}\n`);
  process.exit(64); // EX_USAGE
}

function parseInput(): IssueApiKeyInput {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        account: { type: 'string' },
        role: { type: 'string', default: 'admin' },
        namespaces: { type: 'string', default: 'all' },
        'expires-in-days': { type: 'string', default: '30' },
        name: { type: 'string', default: 'cli' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if (!values.account) usageError('--account is required');
  const role = values.role;
  if (role !== 'admin' && role !== 'developer' && role !== 'read_only') {
    usageError(`--role must be admin, developer or read_only, got ${JSON.stringify(role)}`);
  }
  const days = Number(values['expires-in-days']);
  const names = values.namespaces.split(',').map((name) => name.trim());
  if (values.namespaces !== 'all' && names.some((name) => name === '')) {
    usageError('--namespaces must be all or a comma-separated list of names');
  }
  return {
    accountId: values.account === 'system' ? SYSTEM_ACCOUNT_ID : values.account,
    role,
    namespaces: values.namespaces === 'all' ? 'all' : names,
    expiresInDays: days,
    name: values.name,
    issuedBy: 'create-api-key (cli)',
  };
}

const input = parseInput();
const config = loadConfigOrExit(['DATABASE_URL'], {
  required: ['DATABASE_URL'],
  why: 'to mint an API key (the database of the api it is for)',
});
const prisma = createPrismaClient(config.DATABASE_URL);
try {
  // The system account exists once an api process has started; a fresh database gets it here.
  if (input.accountId === SYSTEM_ACCOUNT_ID) await ensureDefaultNamespace(prisma);
  const issued = await issueApiKey(prisma, input);
  process.stderr.write(
    `API key ${issued.prefix} (id ${issued.id}) for account ${input.accountId}: role ${input.role}, ` +
      `namespaces ${input.namespaces === 'all' ? 'all' : input.namespaces.join(',')}, ` +
      `expires ${issued.expiresAt.toISOString()}. It is shown once; store it now.\n`,
  );
  process.stdout.write(`${issued.key}\n`);
} catch (error) {
  if (!isDomainError(error)) throw error;
  process.stderr.write(`create-api-key: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
