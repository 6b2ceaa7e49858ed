import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';

const workflowsDirectory = fileURLToPath(new URL('../workflows/', import.meta.url));
const cacheDirectory = join(tmpdir(), 'kairos-engine-test-bundles');

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * The webpack bundle of tests/engine/workflows, built once per source version. Bundling takes seconds
 * of CPU and every test file needs the same bundle, so it is cached on disk keyed by a hash of the
 * workflow sources and the SDK version; concurrent test files that both miss write the same content.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= loadOrBuildBundle();
  return bundle;
}

async function loadOrBuildBundle(): Promise<WorkflowBundle> {
  const cachePath = join(cacheDirectory, `workflows-${await sourcesHash()}.js`);
  const cached = await readFile(cachePath, 'utf8').catch(() => undefined);
  if (cached !== undefined) return { code: cached };
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(workflowsDirectory, 'index.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  await mkdir(cacheDirectory, { recursive: true });
  const partialPath = `${cachePath}.${process.pid}.partial`;
  await writeFile(partialPath, code);
  await rename(partialPath, cachePath);
  return { code };
}

async function sourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const sdkPackage = createRequire(import.meta.url).resolve('@temporalio/workflow/package.json');
  hash.update(await readFile(sdkPackage));
  for (const name of (await readdir(workflowsDirectory)).sort()) {
    hash.update(name).update(await readFile(join(workflowsDirectory, name)));
  }
  return hash.digest('hex').slice(0, 16);
}
