import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyMigrations, createPrismaClient, SYSTEM_ACCOUNT_ID, type PrismaClient } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyMatches, apiKeyPrefixOf } from '../../src/control-plane/api-keys/api-key-secret.ts';

const entry = fileURLToPath(new URL('../../src/cli/create-api-key.ts', import.meta.url));

function runCli(
  args: string[],
  databaseUrl: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('create-api-key (operator command)', () => {
  let database: ThrowawayDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createThrowawayDatabase('auth_cli');
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('mints a system-account key on a fresh database, prints it once on stdout, audits it', async () => {
    const result = await runCli(
      [
        '--account',
        'system',
        '--role',
        'admin',
        '--namespaces',
        'all',
        '--expires-in-days',
        '30',
        '--name',
        'ci',
      ],
      database.url,
    );
    expect(result.status).toBe(0);
    const key = result.stdout.trim();
    expect(result.stdout).toBe(`${key}\n`);
    const prefix = apiKeyPrefixOf(key);
    expect(prefix).toBeDefined();
    expect(result.stderr).toContain(`API key ${prefix}`);
    expect(result.stderr).not.toContain(key);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { prefix: prefix! } });
    expect(row).toMatchObject({
      accountId: SYSTEM_ACCOUNT_ID,
      role: 'admin',
      allNamespaces: true,
      name: 'ci',
    });
    expect(apiKeyMatches(key, row.secretHash)).toBe(true);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 1);
    const audit = await prisma.auditLogEntry.findFirstOrThrow({ where: { targetId: row.id } });
    expect(audit).toMatchObject({
      action: 'api_key.create',
      actorType: 'system',
      accountId: SYSTEM_ACCOUNT_ID,
    });
    expect(JSON.stringify(audit.details)).not.toContain(key.slice(prefix!.length));
  });

  it('scopes a key to named namespaces of the account, refusing names it does not own', async () => {
    const account = await prisma.account.create({ data: { name: 'Acme' } });
    const namespace = await prisma.namespace.create({ data: { name: 'acme-cli', accountId: account.id } });
    const ok = await runCli(
      ['--account', account.id, '--role', 'read_only', '--namespaces', 'acme-cli', '--name', 'reader'],
      database.url,
    );
    expect(ok.status).toBe(0);
    const row = await prisma.apiKey.findUniqueOrThrow({
      where: { prefix: apiKeyPrefixOf(ok.stdout.trim())! },
    });
    expect(row).toMatchObject({ role: 'read_only', allNamespaces: false, namespaceIds: [namespace.id] });

    const foreign = await runCli(['--account', account.id, '--namespaces', 'default'], database.url);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('namespaces: the account has no namespace default');
    expect(foreign.stdout).toBe('');
  });

  it('answers bad arguments with usage and exit code 64', async () => {
    const cases = [
      [[], /--account is required/],
      [['--account', 'system', '--role', 'owner'], /--role must be admin, developer or read_only/],
    ] as const;
    for (const [args, message] of cases) {
      const result = await runCli([...args], database.url);
      expect(result.status).toBe(64);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('usage:');
    }
    const days = await runCli(['--account', 'system', '--expires-in-days', '400'], database.url);
    expect(days.status).toBe(1);
    expect(days.stderr).toContain('expiresInDays: must be a whole number from 1 to 365, got 400');
  });
});
