/**
 * The real Kairos api for the console's control-plane specs: embedded mode (engine, in-process bus,
 * gRPC + HTTP/tRPC) on the e2e ports, without its own console, on a fresh database of the infra
 * Postgres (infra/postgres/up; DATABASE_URL overrides the server). Playwright starts it as a
 * webServer and stops it with SIGTERM; the database is dropped once the api has exited.
 * Run as `node --import tsx tests/e2e/support/start-kairos-api.ts`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createThrowawayDatabase,
  dropStaleTestDatabases,
  ensurePrismaClientGenerated,
} from '@kairos/db/testing';
import { consoleUrl, kairosGrpcPort, kairosHttpPort } from '../e2e-env.ts';

const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const embeddedEntry = fileURLToPath(new URL('apps/api/src/embedded/main.ts', `file://${repositoryRoot}`));

await ensurePrismaClientGenerated();
await dropStaleTestDatabases();
const database = await createThrowawayDatabase('console_e2e');

const api = spawn(process.execPath, ['--import', 'tsx', embeddedEntry], {
  cwd: repositoryRoot,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    KAIROS_GRPC_HOST: '127.0.0.1',
    KAIROS_GRPC_PORT: String(kairosGrpcPort),
    KAIROS_HTTP_PORT: String(kairosHttpPort),
    KAIROS_CONSOLE_PORT: '0',
    KAIROS_METRICS_PORT: '0',
    KAIROS_CONSOLE_ORIGIN: consoleUrl,
    KAIROS_LOG_LEVEL: process.env.KAIROS_LOG_LEVEL ?? 'warn',
  },
});

// Playwright (and Ctrl-C) signal the whole process group, so the api already has the signal; a
// second one would make it skip its graceful shutdown. Relay only when this process alone was
// signalled, which shows as the api still running after a while.
let relayTimer: NodeJS.Timeout | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    relayTimer ??= setTimeout(() => api.kill(signal), 10_000);
  });
}

api.on('exit', (code, signal) => {
  clearTimeout(relayTimer);
  database
    .drop()
    .catch((error: unknown) => console.error(`could not drop ${database.name}:`, error))
    .finally(() => process.exit(code ?? (signal === null ? 0 : 1)));
});
