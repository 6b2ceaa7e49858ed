import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from '../workflows/greeting-activities.ts';
import type { greeting } from '../workflows/greeting.ts';

// Warnings and errors only: the worker's info lines (webpack's bundle report among them) drown the report.
// The runtime can be installed once per process; the first caller wins.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier import in this worker process.
}

const workflowsPath = fileURLToPath(new URL('../workflows/greeting.ts', import.meta.url));

export interface SdkTarget {
  address: string;
  namespace: string;
  apiKey: string;
}

/** As the console's snippet says: an API key, and TLS off (the SDK turns it on with a key otherwise). */
function connectionOptions(target: SdkTarget) {
  return { address: target.address, apiKey: target.apiKey, tls: false } as const;
}

/**
 * Runs the greeting workflow end to end with the official TypeScript SDK, authenticated the way a
 * user's code is (the `apiKey` option, sent as `authorization: Bearer <key>`): a worker polls the
 * namespace while a client starts the run and waits for its result.
 */
export async function runGreeting(target: SdkTarget): Promise<{ workflowId: string; result: string }> {
  const connection = await Connection.connect(connectionOptions(target));
  const nativeConnection = await NativeConnection.connect(connectionOptions(target));
  try {
    const taskQueue = `console-e2e-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: target.namespace,
      taskQueue,
      workflowsPath,
      activities,
      shutdownGraceTime: '1s',
    });
    const client = new Client({ connection, namespace: target.namespace });
    const workflowId = `greeting-${randomUUID()}`;
    const result = await worker.runUntil(
      client.workflow.execute<typeof greeting>('greeting', { taskQueue, workflowId, args: ['Kairos'] }),
    );
    return { workflowId, result };
  } finally {
    await nativeConnection.close();
    await connection.close();
  }
}

/** The gRPC status code of an SDK error (Connection and Client wrap the raw one in `cause`). */
export function grpcCodeOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'number') return code;
    current = cause;
  }
  return undefined;
}

/** Starts a workflow with a fresh connection and the given key; resolves to the error it fails with. */
export async function startWithKey(target: SdkTarget): Promise<unknown> {
  try {
    const connection = await Connection.connect(connectionOptions(target));
    try {
      const client = new Client({ connection, namespace: target.namespace });
      await client.workflow.start('greeting', {
        taskQueue: `console-e2e-${randomUUID()}`,
        workflowId: `refused-${randomUUID()}`,
        args: ['nobody'],
      });
    } finally {
      await connection.close();
    }
  } catch (error) {
    return error;
  }
  return undefined;
}
