import type { PrismaClient } from '@kairos/db';
import type { HistoryClient } from '@kairos/history/client';
import type { MatchingClient } from '@kairos/matching/client';
import type { Telemetry } from '@kairos/telemetry';
import { NamespaceResolver } from '../namespaces/namespace-resolver.ts';
import { PrismaNamespaceRepository } from '../namespaces/prisma-namespace-repository.ts';
import { CachedApiKeyStore, PrismaApiKeyStore } from './auth/api-key-store.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { LastUseRecorder } from './auth/last-use-recorder.ts';
import { startGrpcServer, type GrpcServerHandle } from './grpc-server.ts';
import { ApiInstanceRegistry } from './quotas/api-instances.ts';
import { SearchAttributeRegistry } from '@kairos/visibility';
import { createSearchAttributePool } from './operator-service/search-attribute-pool.ts';
import { PrismaNamespaceLimits } from './quotas/namespace-limits.ts';
import { temporalServices } from './temporal-services.ts';
import type { Schedules } from '../schedules/schedules.ts';
import type { VisibilityDependencies } from '../visibility/api-visibility.ts';

export interface GrpcFrontendOptions {
  listen: { host: string; port: number };
  prisma: PrismaClient;
  engine: { history: HistoryClient; matching: MatchingClient };
  telemetry: Telemetry;
  /**
   * KAIROS_ANONYMOUS_LOOPBACK: calls without an API key from 127.0.0.0/8 or ::1 act as the system
   * account. The entries decide (on in embedded mode, refused in cluster mode).
   */
  anonymousLoopback: boolean;
  /** Schedules (apps/api/src/schedules): the rpcs are served when given. */
  schedules?: Schedules;
  /** The database, for the search attribute registry (which runs plain SQL transactions). */
  databaseUrl: string;
  /** The visibility store (List/Count/ScanWorkflowExecutions) and start-time attribute checks. */
  visibility?: VisibilityDependencies;
}

/**
 * The gRPC frontend SDKs talk to, assembled: Temporal's services over the namespace repository, with
 * API-key authentication, authorization and namespace quotas in the chain, and this process's
 * heartbeat in `api_instances` (quotas are split between live api processes).
 */
export async function startGrpcFrontend(options: GrpcFrontendOptions): Promise<GrpcServerHandle> {
  const { prisma, telemetry } = options;
  const logger = telemetry.logger;
  const namespaces = new PrismaNamespaceRepository(prisma);
  const keys = new CachedApiKeyStore(new PrismaApiKeyStore(prisma));
  const searchAttributePool = createSearchAttributePool(options.databaseUrl, logger);
  const instances = new ApiInstanceRegistry(prisma, logger);
  const release = async () => {
    await instances.stop();
    await searchAttributePool.end();
  };
  await instances.start().catch(async (error: unknown) => {
    await searchAttributePool.end();
    throw error;
  });
  try {
    const grpc = await startGrpcServer(
      options.listen,
      temporalServices({
        namespaces,
        resolver: new NamespaceResolver(namespaces),
        history: options.engine.history,
        matching: options.engine.matching,
        telemetry,
        schedules: options.schedules,
        visibility: options.visibility,
        searchAttributes: new SearchAttributeRegistry(searchAttributePool),
        authenticate: createAuthenticator({
          keys,
          lastUse: new LastUseRecorder(keys, logger),
          anonymousLoopback: options.anonymousLoopback,
        }),
        quotas: { limits: new PrismaNamespaceLimits(prisma, logger), instances },
      }),
    );
    return {
      ...grpc,
      async shutdown() {
        await grpc.shutdown();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
