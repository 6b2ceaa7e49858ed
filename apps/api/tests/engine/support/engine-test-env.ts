import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { sdkAuthOptions } from './cluster-api-key.ts';
import { startEngineUnderTest, type EngineUnderTest } from './engine-under-test.ts';
import { workflowBundle } from './workflow-bundle.ts';

/** Worker options a test may set; connection, namespace and workflow code come from the environment. */
export type EngineWorkerOptions = Omit<
  WorkerOptions,
  'connection' | 'namespace' | 'workflowBundle' | 'workflowsPath'
>;

export interface EngineTestEnv {
  readonly namespace: string;
  /**
   * The API key the clients send (cluster mode), undefined without one (embedded: anonymous loopback).
   * With a key, a namespace the key cannot use — another account's, or one that does not exist —
   * answers PERMISSION_DENIED rather than NOT_FOUND (docs/auth-and-quotas.md).
   */
  readonly apiKey: string | undefined;
  /** The SDK client, bound to the test namespace. */
  readonly client: Client;
  /** The client's connection, for raw `workflowService` rpcs. */
  readonly connection: Connection;
  /** A task queue name no other test uses. */
  taskQueue(label: string): string;
  /** A worker on the engine with the shared workflow bundle; the caller runs and stops it. */
  createWorker(options: EngineWorkerOptions): Promise<Worker>;
  /** Runs a worker while `body` runs, then shuts it down and waits for it. */
  runWorker<T>(options: EngineWorkerOptions, body: () => Promise<T>): Promise<T>;
}

/**
 * Registers hooks that start the engine under test for the calling test file and connect an SDK
 * client and a native (worker) connection to it. The returned object is usable inside tests.
 */
export function useEngineTestEnv(): EngineTestEnv {
  let engine: EngineUnderTest | undefined;
  let connection: Connection | undefined;
  let nativeConnection: NativeConnection | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    quietSdkLogs();
    const bundling = workflowBundle();
    engine = await startEngineUnderTest();
    const auth = sdkAuthOptions(engine.apiKey);
    connection = await Connection.connect({ address: engine.address, ...auth });
    nativeConnection = await NativeConnection.connect({ address: engine.address, ...auth });
    client = new Client({ connection, namespace: engine.namespace });
    await bundling;
  });
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
    await engine?.stop();
  });

  function ready<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('the engine test environment is used before beforeAll ran');
    return value;
  }

  const env: EngineTestEnv = {
    get namespace() {
      return ready(engine).namespace;
    },
    get apiKey() {
      return ready(engine).apiKey;
    },
    get client() {
      return ready(client);
    },
    get connection() {
      return ready(connection);
    },
    taskQueue(label) {
      return `${label}-${randomUUID()}`;
    },
    async createWorker(options) {
      return Worker.create({
        identity: `engine-test-worker@${options.taskQueue}`,
        // Heartbeats reach the server within 100 ms instead of the default 30 s throttle, so
        // cancellation and heartbeat-detail tests do not wait.
        maxHeartbeatThrottleInterval: '100ms',
        defaultHeartbeatThrottleInterval: '100ms',
        shutdownGraceTime: '2s',
        ...options,
        connection: ready(nativeConnection),
        namespace: ready(engine).namespace,
        workflowBundle: await workflowBundle(),
      });
    },
    async runWorker(options, body) {
      const worker = await env.createWorker(options);
      return worker.runUntil(body);
    },
  };
  return env;
}

/**
 * Workers log every failed activity attempt and workflow task at WARN, and the suite fails them on
 * purpose; only errors are worth reading. Core (Rust) logs are filtered separately from the TS logger.
 */
function quietSdkLogs(): void {
  if (Runtime.instantiator !== undefined) return;
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
}
