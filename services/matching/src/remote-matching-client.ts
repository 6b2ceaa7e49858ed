import { createInternalRpcClient, type InternalRpcClient } from '@kairos/internal-rpc';
import type { QueryTarget } from '@kairos/history/client';
import type { MatchingClient, NamespaceRef } from './client.ts';

type Method = keyof MatchingClient;
/** The request a method takes after the namespace. */
type RequestOf<M extends Method> = Parameters<MatchingClient[M]>[1];
type ResultOf<M extends Method> = Awaited<ReturnType<MatchingClient[M]>>;

export interface RemoteMatchingClientOptions {
  /** Base URL of the matching service's internal rpc server, e.g. `http://matching:7302`. */
  url: string;
  /** For the short calls; polls and queries last until matching answers or the caller's signal. */
  callTimeoutMs?: number;
}

/**
 * MatchingClient for cluster mode: every call goes to the matching service at one URL (one process,
 * or a load balancer in front of several). Aborting a poll's signal closes its HTTP request, which ends
 * the long poll inside matching; the poll then answers empty, as the embedded matching engine does.
 */
export class RemoteMatchingClient implements MatchingClient {
  private readonly rpc: InternalRpcClient;
  private readonly callTimeoutMs: number;

  constructor(options: RemoteMatchingClientOptions) {
    this.rpc = createInternalRpcClient(options.url);
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
  }

  close(): void {
    this.rpc.close();
  }

  async pollWorkflowTaskQueue(
    namespace: NamespaceRef,
    request: RequestOf<'pollWorkflowTaskQueue'>,
    signal: AbortSignal,
  ): Promise<ResultOf<'pollWorkflowTaskQueue'>> {
    return this.poll('pollWorkflowTaskQueue', [namespace, request], signal);
  }

  async pollActivityTaskQueue(
    namespace: NamespaceRef,
    request: RequestOf<'pollActivityTaskQueue'>,
    signal: AbortSignal,
  ): Promise<ResultOf<'pollActivityTaskQueue'>> {
    return this.poll('pollActivityTaskQueue', [namespace, request], signal);
  }

  async queryWorkflow(
    namespace: NamespaceRef,
    target: QueryTarget,
    query: Parameters<MatchingClient['queryWorkflow']>[2],
    signal: AbortSignal,
  ): Promise<ResultOf<'queryWorkflow'>> {
    return this.rpc.call('queryWorkflow', [namespace, target, query], { signal });
  }

  async respondQueryTaskCompleted(namespace: NamespaceRef, request: RequestOf<'respondQueryTaskCompleted'>) {
    return this.rpc.call<void>('respondQueryTaskCompleted', [namespace, request], {
      timeoutMs: this.callTimeoutMs,
    });
  }

  async describeTaskQueue(
    namespace: NamespaceRef,
    request: RequestOf<'describeTaskQueue'>,
  ): Promise<ResultOf<'describeTaskQueue'>> {
    return this.rpc.call('describeTaskQueue', [namespace, request], { timeoutMs: this.callTimeoutMs });
  }

  async shutdownWorker(namespace: NamespaceRef, request: RequestOf<'shutdownWorker'>) {
    return this.rpc.call<void>('shutdownWorker', [namespace, request], { timeoutMs: this.callTimeoutMs });
  }

  /** A poll its caller abandoned answers empty (no task), like a poll whose window passed. */
  private async poll<M extends 'pollWorkflowTaskQueue' | 'pollActivityTaskQueue'>(
    method: M,
    args: unknown[],
    signal: AbortSignal,
  ): Promise<ResultOf<M>> {
    try {
      return await this.rpc.call<ResultOf<M>>(method, args, { signal });
    } catch (error) {
      if (signal.aborted) return {} as ResultOf<M>;
      throw error;
    }
  }
}
