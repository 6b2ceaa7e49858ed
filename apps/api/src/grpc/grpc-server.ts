import {
  Server,
  ServerCredentials,
  type ServerOptions,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';

/** Temporal's published gRPC message limit; larger requests are refused with RESOURCE_EXHAUSTED. */
export const maxGrpcMessageBytes = 4 * 1024 * 1024;

/** A service to serve, under its fully qualified name (which grpc.health.v1 also reports on). */
export interface GrpcService {
  name: string;
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

export interface GrpcServerHandle {
  /** host:port actually bound (port 0 picks a free one). */
  address: string;
  health: HealthImplementation;
  shutdown(): Promise<void>;
}

/**
 * The gRPC frontend SDKs connect to: the standard grpc.health.v1 service plus `services` (Temporal's
 * WorkflowService and OperatorService, see temporal-services.ts).
 */
export async function startGrpcServer(
  listen: { host: string; port: number },
  services: readonly GrpcService[] = [],
): Promise<GrpcServerHandle> {
  const options: ServerOptions = {
    'grpc.max_receive_message_length': maxGrpcMessageBytes,
    'grpc.max_send_message_length': maxGrpcMessageBytes,
  };
  const server = new Server(options);
  // Health per service too, as Temporal's frontend reports it (health checks may name WorkflowService).
  const healthNames = ['', ...services.map((service) => service.name)];
  const health = new HealthImplementation(Object.fromEntries(healthNames.map((name) => [name, 'SERVING'])));
  health.addToServer(server);
  for (const service of services) server.addService(service.definition, service.implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${listen.host}:${listen.port}`,
      ServerCredentials.createInsecure(),
      (error, boundPort) =>
        error
          ? reject(new Error(`cannot listen for gRPC on ${listen.host}:${listen.port}: ${error.message}`))
          : resolve(boundPort),
    ),
  );
  return {
    address: `${listen.host}:${port}`,
    health,
    shutdown: () =>
      new Promise<void>((resolve) => {
        for (const name of healthNames) health.setStatus(name, 'NOT_SERVING');
        // Give in-flight calls a moment, then cut the rest (long polls would hold shutdown forever).
        const force = setTimeout(() => server.forceShutdown(), 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
