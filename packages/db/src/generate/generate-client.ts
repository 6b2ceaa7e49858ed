/**
 * `npm run db:generate -w @kairos/db`: writes the Prisma client into src/generated/prisma (git-ignored)
 * when prisma/schema.prisma or the Prisma version changed since the last run, and does nothing
 * otherwise (~0.2 s), so every entry point (npm start, npm test, the package's test and typecheck
 * scripts, vitest's global setup) can run it first without cost.
 *
 * Concurrent runs (turbo starts typecheck and test of this package together) are serialised with a
 * lock directory, so no process ever reads a half-written client.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDirectoryLock } from '../directory-lock.ts';
import { prismaPaths } from '../prisma-paths.ts';

const require = createRequire(import.meta.url);
const stampFile = path.join(prismaPaths.generatedClient, '.kairos-generated');
const lockDir = path.join(path.dirname(prismaPaths.generatedClient), '.generate.lock');

export interface GenerateResult {
  generated: boolean;
}

/** Generates the client unless the stamp says it is current. */
export async function ensurePrismaClientGenerated(): Promise<GenerateResult> {
  const fingerprint = await clientFingerprint();
  if (await isCurrent(fingerprint)) return { generated: false };
  return withDirectoryLock(
    lockDir,
    async () => {
      // Another process may have generated it while we waited for the lock.
      if (await isCurrent(fingerprint)) return { generated: false };
      await runPrismaGenerate();
      await writeFile(stampFile, fingerprint + '\n');
      return { generated: true };
    },
    { purpose: 'another db:generate' },
  );
}

/** Changes whenever the generated code could: the schema, or the versions of the CLI and runtime. */
async function clientFingerprint(): Promise<string> {
  const versionOf = async (pkg: string) =>
    (JSON.parse(await readFile(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string })
      .version;
  const hash = createHash('sha256');
  hash.update(await readFile(prismaPaths.schema));
  hash.update(`prisma@${await versionOf('prisma')} @prisma/client@${await versionOf('@prisma/client')}`);
  return hash.digest('hex');
}

async function isCurrent(fingerprint: string): Promise<boolean> {
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  return stamp.trim() === fingerprint;
}

async function runPrismaGenerate(): Promise<void> {
  const prismaCli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const env = {
    ...process.env,
    // Generation is Wasm-only, but the CLI insists that a schema engine binary exists and would try to
    // download one (no network here). This file satisfies the check and explains itself if run.
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(new URL('./no-native-schema-engine.sh', import.meta.url)),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, 'generate'], { cwd: prismaPaths.packageRoot, env });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`prisma generate failed (exit ${code}):\n${Buffer.concat(output).toString('utf8')}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now();
  const { generated } = await ensurePrismaClientGenerated();
  const where = path.relative(process.cwd(), prismaPaths.generatedClient) || '.';
  console.log(
    generated
      ? `[db:generate] Prisma client generated into ${where} in ${Date.now() - started} ms`
      : `[db:generate] Prisma client in ${where} is up to date`,
  );
}
