import {
  operatorServiceDefinition,
  operatorServiceName,
  workflowServiceDefinition,
  workflowServiceName,
  type OperatorServiceMethods,
  type WorkflowServiceMethods,
} from '@kairos/proto';
import type { Telemetry } from '@kairos/telemetry';
import type { GrpcService } from './grpc-server.ts';
import type { RpcInterceptor } from './rpc-call.ts';
import { routeService } from './service-router.ts';
import { telemetryInterceptor } from './telemetry-interceptor.ts';
import { workflowServiceHandlers, type WorkflowServiceDependencies } from './workflow-service/index.ts';

export interface TemporalServicesOptions extends WorkflowServiceDependencies {
  telemetry: Pick<Telemetry, 'logger' | 'meter' | 'tracer'>;
}

/**
 * Temporal's public services as Kairos serves them: WorkflowService with its handlers, OperatorService
 * with none yet (every rpc UNIMPLEMENTED, naming itself), both behind the same interceptor chain.
 * Authentication and namespace quotas join the chain here, after telemetry so refusals are measured.
 */
export function temporalServices(options: TemporalServicesOptions): GrpcService[] {
  const interceptors: RpcInterceptor[] = [telemetryInterceptor(options.telemetry)];
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
        handlers: {},
        interceptors,
        logger,
      }),
    },
  ];
}
