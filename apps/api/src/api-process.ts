import { ensureDefaultNamespace, type PrismaClient } from '@kairos/db';
import type { HistoryClient } from '@kairos/history/client';
import type { MatchingClient } from '@kairos/matching/client';
import type { Telemetry } from '@kairos/telemetry';
import { startGrpcServer, type GrpcServerHandle } from './grpc/grpc-server.ts';
import { temporalServices } from './grpc/temporal-services.ts';
import { NamespaceResolver } from './namespaces/namespace-resolver.ts';
import { PrismaNamespaceRepository } from './namespaces/prisma-namespace-repository.ts';
import { startHttpServer, type HttpServerHandle } from './http/http-server.ts';

export interface ApiProcessOptions {
  mode: 'embedded' | 'cluster';
  grpc: { host: string; port: number };
  http: { host: string; port: number };
  /** The engine: in-process (embedded) or remote clients of the history and matching processes. */
  engine: { history: HistoryClient; matching: MatchingClient };
  telemetry: Telemetry;
  /** The control-plane database (namespaces, accounts); the caller owns and disconnects it. */
  prisma: PrismaClient;
}

export interface ApiProcess {
  grpc: GrpcServerHandle;
  http: HttpServerHandle;
  stop(): Promise<void>;
}

/** The api process's servers, shared by the cluster entry (main.ts) and `npm start` (embedded/main.ts). */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  // Every api process (embedded or cluster) makes sure the system account, which owns namespaces
  // registered over gRPC until API keys exist, and the SDKs' `default` namespace are there.
  // Idempotent and safe when several processes start at once.
  await ensureDefaultNamespace(options.prisma);
  const namespaces = new PrismaNamespaceRepository(options.prisma);
  const grpc = await startGrpcServer(
    options.grpc,
    temporalServices({
      namespaces,
      resolver: new NamespaceResolver(namespaces),
      history: options.engine.history,
      matching: options.engine.matching,
      telemetry: options.telemetry,
    }),
  );
  let http: HttpServerHandle;
  try {
    http = await startHttpServer({
      ...options.http,
      checks: [{ name: 'database', check: async () => void (await options.prisma.$queryRaw`SELECT 1`) }],
      describe: () => ({ mode: options.mode, grpc: grpc.address }),
    });
  } catch (error) {
    await grpc.shutdown();
    throw error;
  }
  options.telemetry.logger.info({ grpc: grpc.address, http: http.url, mode: options.mode }, 'api listening');
  return {
    grpc,
    http,
    async stop() {
      await grpc.shutdown();
      await http.close();
    },
  };
}
