import {
  operatorServiceDefinition,
  operatorServiceName,
  workflowServiceDefinition,
  workflowServiceName,
  type OperatorServiceMethods,
  type WorkflowServiceMethods,
} from '@kairos/proto';
import type { Telemetry } from '@kairos/telemetry';
import { operatorServiceHandlers, type SearchAttributeDependencies } from './operator-service/index.ts';
import { authInterceptor } from './auth/auth-interceptor.ts';
import { createAuthenticator, type Authenticate } from './auth/authenticate.ts';
import { LastUseRecorder } from './auth/last-use-recorder.ts';
import type { GrpcService } from './grpc-server.ts';
import type { ApiInstanceCount } from './quotas/api-instances.ts';
import type { NamespaceLimitsSource } from './quotas/namespace-limits.ts';
import { quotaInterceptor } from './quotas/quota-interceptor.ts';
import type { Clock } from './quotas/token-bucket.ts';
import type { RpcInterceptor } from './rpc-call.ts';
import { routeService } from './service-router.ts';
import { telemetryInterceptor } from './telemetry-interceptor.ts';
import { workflowServiceHandlers, type WorkflowServiceDependencies } from './workflow-service/index.ts';

export interface TemporalServicesOptions extends WorkflowServiceDependencies {
  /** Per-namespace custom search attributes (OperatorService). Omitted: those rpcs are UNIMPLEMENTED. */
  searchAttributes?: SearchAttributeDependencies['searchAttributes'];
  telemetry: Pick<Telemetry, 'logger' | 'meter' | 'tracer'>;
  /**
   * Who is calling (auth/authenticate.ts). Omitted (tests of other parts): API keys are unknown and
   * only anonymous loopback callers get in.
   */
  authenticate?: Authenticate;
  /** Per-namespace limits and the number of api processes sharing them (quotas/). Omitted: no quotas. */
  quotas?: { limits: NamespaceLimitsSource; instances: ApiInstanceCount; clock?: Clock };
}

/** An authenticator that knows no API keys: loopback callers without a key, nobody else. */
function loopbackOnly(options: TemporalServicesOptions): Authenticate {
  const noKeys = { findByPrefix: async () => undefined, recordUse: async () => undefined };
  return createAuthenticator({
    keys: noKeys,
    lastUse: new LastUseRecorder(noKeys, options.telemetry.logger),
    anonymousLoopback: true,
  });
}

/**
 * Temporal's public services as Kairos serves them: WorkflowService with its handlers, OperatorService
 * with the search attribute rpcs (every other rpc UNIMPLEMENTED, naming itself), both behind the same
 * interceptor chain:
 * telemetry (outermost, so refusals are measured), authentication and authorization, namespace quotas.
 */
export function temporalServices(options: TemporalServicesOptions): GrpcService[] {
  const interceptors: RpcInterceptor[] = [
    telemetryInterceptor(options.telemetry),
    authInterceptor({
      authenticate: options.authenticate ?? loopbackOnly(options),
      resolver: options.resolver,
    }),
    ...(options.quotas ? [quotaInterceptor({ ...options.quotas, history: options.history })] : []),
  ];
  const logger = options.telemetry.logger;
  return [
    {
      name: workflowServiceName,
      definition: workflowServiceDefinition,
      implementation: routeService<WorkflowServiceMethods>({
        service: 'WorkflowService',
        definition: workflowServiceDefinition,
        handlers: workflowServiceHandlers(options),
        interceptors,
        logger,
      }),
    },
    {
      name: operatorServiceName,
      definition: operatorServiceDefinition,
      implementation: routeService<OperatorServiceMethods>({
        service: 'OperatorService',
        definition: operatorServiceDefinition,
        handlers: options.searchAttributes
          ? operatorServiceHandlers({
              resolver: options.resolver,
              searchAttributes: options.searchAttributes,
            })
          : {},
        interceptors,
        logger,
      }),
    },
  ];
}
