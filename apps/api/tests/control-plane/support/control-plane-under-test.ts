import type { PrismaClient } from '@kairos/db';
import type { ApiProcess } from '../../../src/api-process.ts';
import type { InProcessEngine } from '../../../src/engine/in-process-engine.ts';
import { startApiUnderTest } from '../../support/api-under-test.ts';
import { ConsoleClient } from './console-client.ts';

/** The console's origin these tests configure (mutations from anywhere else are refused). */
export const CONSOLE_ORIGIN = 'http://console.kairos.test';

export interface ControlPlaneUnderTest {
  /** Base URL of the api's HTTP server (…/trpc, …/healthz). */
  url: string;
  api: ApiProcess;
  engine: InProcessEngine;
  prisma: PrismaClient;
  /** Every log line written so far, as text (to check that no secret is ever logged). */
  logText(): string;
  /** A fresh browser: its own cookies and its own (forwarded) client address. */
  client(): ConsoleClient;
  stop(): Promise<void>;
}

/** The api process as `npm start` composes it (engine in process), over a fresh migrated database. */
export async function startControlPlaneUnderTest(purpose: string): Promise<ControlPlaneUnderTest> {
  const underTest = await startApiUnderTest(`cp-${purpose}`, {
    shardCount: 2,
    console: { origin: CONSOLE_ORIGIN, cookieSecure: false },
  });
  return {
    url: underTest.api.http.url,
    api: underTest.api,
    engine: underTest.engine,
    prisma: underTest.prisma,
    logText: () => underTest.logLines.map((line) => JSON.stringify(line)).join('\n'),
    client: () => new ConsoleClient(underTest.api.http.url, { origin: CONSOLE_ORIGIN }),
    stop: () => underTest.stop(),
  };
}
