import { ensureDefaultNamespace, type PrismaClient } from '@kairos/db';
import type { HistoryClient } from '@kairos/history/client';
import type { MatchingClient } from '@kairos/matching/client';
import type { Telemetry } from '@kairos/telemetry';
import { startGrpcFrontend } from './grpc/grpc-frontend.ts';
import type { GrpcServerHandle } from './grpc/grpc-server.ts';
import { startHttpServer, type HttpServerHandle } from './http/http-server.ts';
import { loadConfig } from '@kairos/config';
import { createControlPlane } from './control-plane/control-plane.ts';
import { createTrpcHttpHandler } from './trpc/trpc-handler.ts';
import { startSchedules } from './schedules/start-schedules.ts';
import { startApiVisibility } from './visibility/api-visibility.ts';
import {
  visibilitySettingsFromEnvironment,
  type VisibilitySettings,
} from './visibility/visibility-settings.ts';

/** The visibility health check's query: a namespace id no namespace has. */
const healthProbe = { namespaceId: '00000000-0000-4000-8000-00000000dead', query: '' };
export interface ApiProcessOptions {
  mode: 'embedded' | 'cluster';
  grpc: { host: string; port: number };
  http: { host: string; port: number };
  /** The engine: in-process (embedded) or remote clients of the history and matching processes. */
  engine: { history: HistoryClient; matching: MatchingClient };
  telemetry: Telemetry;
  /** The control-plane database (namespaces, accounts); the caller owns and disconnects it. */
  prisma: PrismaClient;
  /** The same database's URL, for the parts that run plain SQL (the search attribute registry). */
  databaseUrl: string;
  /**
   * KAIROS_ANONYMOUS_LOOPBACK: gRPC calls without an API key from the api's own host act as the system
   * account. Absent: on in embedded mode, off in cluster mode (where the entry refuses it).
   */
  anonymousLoopback?: boolean;
  /**
   * The console's tRPC endpoint (/trpc): the console's origin (KAIROS_CONSOLE_ORIGIN) and whether cookies
   * are Secure (KAIROS_COOKIE_SECURE). Absent: read from the environment through the config loader.
   */
  console?: { origin: string; cookieSecure: boolean };
  /**
   * The visibility store list/count rpcs and console pages read (KAIROS_VISIBILITY_STORE, OPENSEARCH_URL).
   * Absent: read from the environment; embedded mode always uses the SQL store.
   */
  visibility?: VisibilitySettings;
}

export interface ApiProcess {
  grpc: GrpcServerHandle;
  http: HttpServerHandle;
  stop(): Promise<void>;
}

/** The api process's servers, shared by the cluster entry (main.ts) and `npm start` (embedded/main.ts). */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  // Every api process (embedded or cluster) makes sure the system account, which owns the SDKs'
  // `default` namespace and whatever anonymous loopback callers register, is there.
  // Idempotent and safe when several processes start at once.
  await ensureDefaultNamespace(options.prisma);
  const visibility = await startApiVisibility({
    databaseUrl: options.databaseUrl,
    settings: options.visibility ?? visibilitySettingsFromEnvironment(options.mode),
    logger: options.telemetry.logger,
  });
  // Schedules: every api process runs the loop; due rows are claimed with SKIP LOCKED (docs/schedules.md).
  const scheduling = startSchedules({
    prisma: options.prisma,
    history: options.engine.history,
    logger: options.telemetry.logger,
  });
  const grpc: GrpcServerHandle = await startGrpcFrontend({
    schedules: scheduling.schedules,
    listen: options.grpc,
    prisma: options.prisma,
    databaseUrl: options.databaseUrl,
    engine: options.engine,
    telemetry: options.telemetry,
    anonymousLoopback: options.anonymousLoopback ?? options.mode === 'embedded',
    visibility,
  }).catch(async (error: unknown) => {
    await scheduling.stop();
    await visibility.close();
    throw error;
  });
  const consoleSettings = options.console ?? consoleSettingsFromEnvironment();
  const trpc = createTrpcHttpHandler({
    controlPlane: createControlPlane({ prisma: options.prisma, workflows: options.engine.history }),
    settings: { consoleOrigin: consoleSettings.origin, cookieSecure: consoleSettings.cookieSecure },
    logger: options.telemetry.logger,
    visibility: visibility.store,
    history: options.engine.history,
  });
  let http: HttpServerHandle;
  try {
    http = await startHttpServer({
      trpc,
      ...options.http,
      checks: [
        { name: 'database', check: async () => void (await options.prisma.$queryRaw`SELECT 1`) },
        // A count in a namespace no run has: one cheap round trip to the store lists and counts use.
        { name: 'visibility', check: async () => void (await visibility.store.count(healthProbe)) },
      ],
      describe: () => ({ mode: options.mode, grpc: grpc.address }),
    });
  } catch (error) {
    await scheduling.stop();
    await grpc.shutdown();
    await visibility.close();
    throw error;
  }
  options.telemetry.logger.info({ grpc: grpc.address, http: http.url, mode: options.mode }, 'api listening');
  return {
    grpc,
    http,
    async stop() {
      await scheduling.stop();
      await grpc.shutdown();
      await http.close();
      await visibility.close();
    },
  };
}

function consoleSettingsFromEnvironment(): { origin: string; cookieSecure: boolean } {
  const config = loadConfig(['KAIROS_CONSOLE_ORIGIN', 'KAIROS_COOKIE_SECURE']);
  return { origin: new URL(config.KAIROS_CONSOLE_ORIGIN).origin, cookieSecure: config.KAIROS_COOKIE_SECURE };
}
