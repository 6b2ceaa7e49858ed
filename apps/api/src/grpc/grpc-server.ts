import { Server, ServerCredentials, type ServerOptions } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';

/** Temporal's published gRPC message limit; larger requests are refused with RESOURCE_EXHAUSTED. */
export const maxGrpcMessageBytes = 4 * 1024 * 1024;

export interface GrpcServerHandle {
  /** host:port actually bound (port 0 picks a free one). */
  address: string;
  health: HealthImplementation;
  shutdown(): Promise<void>;
}

/**
 * The gRPC frontend SDKs connect to. It serves the standard grpc.health.v1 service; the Temporal
 * WorkflowService is registered on the same server by the engine.
 */
export async function startGrpcServer(listen: { host: string; port: number }): Promise<GrpcServerHandle> {
  const options: ServerOptions = {
    'grpc.max_receive_message_length': maxGrpcMessageBytes,
    'grpc.max_send_message_length': maxGrpcMessageBytes,
  };
  const server = new Server(options);
  const health = new HealthImplementation({ '': 'SERVING' });
  health.addToServer(server);
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
        health.setStatus('', 'NOT_SERVING');
        // Give in-flight calls a moment, then cut the rest (long polls would hold shutdown forever).
        const force = setTimeout(() => server.forceShutdown(), 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
