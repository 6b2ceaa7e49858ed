import { InvalidArgument, Unavailable } from '@kairos/errors';
import { createInternalRpcClient, type CallOptions, type InternalRpcClient } from '@kairos/internal-rpc';
import type pg from 'pg';
import type {
  ActivityHeartbeat,
  ActivityResult,
  ActivityTarget,
  HistoryClient,
  NamespaceRef,
  PollerInfo,
} from './client.ts';
import { shardFor } from './shards/shard-for.ts';
import type { TaskMessage } from './task-message.ts';
import type { TransferTask } from './transfer/transfer-task.ts';
import { decodeTaskToken } from './task-token.ts';

type Method = keyof HistoryClient;
/** The request a method takes after the namespace. */
type RequestOf<M extends Method> = Parameters<HistoryClient[M]>[1];
type ResultOf<M extends Method> = Awaited<ReturnType<HistoryClient[M]>>;

export interface RemoteHistoryClientOptions {
  pool: pg.Pool;
  /** The cluster's shard count (the same every history process uses). */
  shardCount: number;
  /** How long to keep finding a shard's owner (moves, restarts) before answering Unavailable. */
  retryForMs?: number;
  /** Per attempt, for every call but the history long poll (which the caller's signal ends). */
  callTimeoutMs?: number;
}

/**
 * HistoryClient for cluster mode: each call goes to the history process that owns the execution's
 * shard (`history_shards.owner_address`, cached). When that process is gone or answers that it no
 * longer owns the shard (both Unavailable), the owners are read again and the call is retried with
 * backoff, until `retryForMs`; shards move within a lease period, so callers rarely see the move.
 * Other errors (NotFound, InvalidArgument, ...) are the engine's answer and pass through untouched;
 * a request that cannot be routed (no workflow id, a bad task token) is rejected before any call.
 *
 * A retried call may have been applied by an owner that died before answering; the engine's own
 * idempotency (start request ids, task tokens naming a started event) covers that, as in Temporal.
 */
export class RemoteHistoryClient implements HistoryClient {
  private readonly pool: pg.Pool;
  private readonly shardCount: number;
  private readonly retryForMs: number;
  private readonly callTimeoutMs: number;
  private owners = new Map<number, string>();
  private ownersRead: Promise<void> | undefined;
  private readonly clients = new Map<string, InternalRpcClient>();

  constructor(options: RemoteHistoryClientOptions) {
    this.pool = options.pool;
    this.shardCount = options.shardCount;
    this.retryForMs = options.retryForMs ?? 20_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
  }

  /** Closes pooled connections to history processes. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  async startWorkflowExecution(namespace: NamespaceRef, request: RequestOf<'startWorkflowExecution'>) {
    const shardId = this.shardOf(namespace.id, request.workflowId, 'workflowId');
    return this.invoke(shardId, 'startWorkflowExecution', [namespace, request]);
  }

  async signalWithStartWorkflowExecution(
    namespace: NamespaceRef,
    request: RequestOf<'signalWithStartWorkflowExecution'>,
  ) {
    const shardId = this.shardOf(namespace.id, request.workflowId, 'workflowId');
    return this.invoke(shardId, 'signalWithStartWorkflowExecution', [namespace, request]);
  }

  async recordWorkflowTaskStarted(task: TaskMessage, poller: PollerInfo) {
    const shardId = shardFor(task.namespaceId, task.workflowId, this.shardCount);
    return this.invoke(shardId, 'recordWorkflowTaskStarted', [task, poller]);
  }

  async recordActivityTaskStarted(task: TaskMessage, poller: PollerInfo) {
    const shardId = shardFor(task.namespaceId, task.workflowId, this.shardCount);
    return this.invoke(shardId, 'recordActivityTaskStarted', [task, poller]);
  }

  async respondWorkflowTaskCompleted(
    namespace: NamespaceRef,
    request: RequestOf<'respondWorkflowTaskCompleted'>,
  ) {
    const shardId = this.shardOfToken(request.taskToken, 'workflow');
    return this.invoke(shardId, 'respondWorkflowTaskCompleted', [namespace, request]);
  }

  async respondWorkflowTaskFailed(namespace: NamespaceRef, request: RequestOf<'respondWorkflowTaskFailed'>) {
    const shardId = this.shardOfToken(request.taskToken, 'workflow');
    return this.invoke(shardId, 'respondWorkflowTaskFailed', [namespace, request]);
  }

  async respondActivityTaskCompleted(namespace: NamespaceRef, request: ActivityResult<'completed'>) {
    const shardId = this.shardOfActivity(namespace, request.target);
    return this.invoke(shardId, 'respondActivityTaskCompleted', [namespace, request]);
  }

  async respondActivityTaskFailed(namespace: NamespaceRef, request: ActivityResult<'failed'>) {
    const shardId = this.shardOfActivity(namespace, request.target);
    return this.invoke(shardId, 'respondActivityTaskFailed', [namespace, request]);
  }

  async respondActivityTaskCanceled(namespace: NamespaceRef, request: ActivityResult<'canceled'>) {
    const shardId = this.shardOfActivity(namespace, request.target);
    return this.invoke(shardId, 'respondActivityTaskCanceled', [namespace, request]);
  }

  async recordActivityTaskHeartbeat(namespace: NamespaceRef, request: ActivityHeartbeat) {
    const shardId = this.shardOfActivity(namespace, request.target);
    return this.invoke(shardId, 'recordActivityTaskHeartbeat', [namespace, request]);
  }

  async signalWorkflowExecution(namespace: NamespaceRef, request: RequestOf<'signalWorkflowExecution'>) {
    const shardId = this.shardOf(
      namespace.id,
      request.workflowExecution?.workflowId,
      'workflowExecution.workflowId',
    );
    return this.invoke(shardId, 'signalWorkflowExecution', [namespace, request]);
  }

  async requestCancelWorkflowExecution(
    namespace: NamespaceRef,
    request: RequestOf<'requestCancelWorkflowExecution'>,
  ) {
    const shardId = this.shardOf(
      namespace.id,
      request.workflowExecution?.workflowId,
      'workflowExecution.workflowId',
    );
    return this.invoke(shardId, 'requestCancelWorkflowExecution', [namespace, request]);
  }

  async terminateWorkflowExecution(
    namespace: NamespaceRef,
    request: RequestOf<'terminateWorkflowExecution'>,
  ) {
    const shardId = this.shardOf(
      namespace.id,
      request.workflowExecution?.workflowId,
      'workflowExecution.workflowId',
    );
    return this.invoke(shardId, 'terminateWorkflowExecution', [namespace, request]);
  }

  async resetWorkflowExecution(namespace: NamespaceRef, request: RequestOf<'resetWorkflowExecution'>) {
    const shardId = this.shardOf(
      namespace.id,
      request.workflowExecution?.workflowId,
      'workflowExecution.workflowId',
    );
    return this.invoke(shardId, 'resetWorkflowExecution', [namespace, request]);
  }

  async describeWorkflowExecution(namespace: NamespaceRef, request: RequestOf<'describeWorkflowExecution'>) {
    const shardId = this.shardOf(namespace.id, request.execution?.workflowId, 'execution.workflowId');
    return this.invoke(shardId, 'describeWorkflowExecution', [namespace, request]);
  }

  async getWorkflowExecutionHistory(
    namespace: NamespaceRef,
    request: RequestOf<'getWorkflowExecutionHistory'>,
    signal?: AbortSignal,
  ) {
    const shardId = this.shardOf(namespace.id, request.execution?.workflowId, 'execution.workflowId');
    // A long poll lasts as long as the caller wants: its signal ends it, not a timeout.
    const options: CallOptions = request.waitNewEvent
      ? { signal }
      : { signal, timeoutMs: this.callTimeoutMs };
    return this.invoke(shardId, 'getWorkflowExecutionHistory', [namespace, request], options);
  }

  async getWorkflowExecutionHistoryReverse(
    namespace: NamespaceRef,
    request: RequestOf<'getWorkflowExecutionHistoryReverse'>,
  ) {
    const shardId = this.shardOf(namespace.id, request.execution?.workflowId, 'execution.workflowId');
    return this.invoke(shardId, 'getWorkflowExecutionHistoryReverse', [namespace, request]);
  }

  async resetStickyTaskQueue(namespace: NamespaceRef, request: RequestOf<'resetStickyTaskQueue'>) {
    const shardId = this.shardOf(namespace.id, request.execution?.workflowId, 'execution.workflowId');
    return this.invoke(shardId, 'resetStickyTaskQueue', [namespace, request]);
  }

  // Namespace-wide reads need no particular shard; routing by namespace spreads them over the
  // history processes.
  async countOpenExecutions(namespace: NamespaceRef) {
    return this.invoke(shardFor(namespace.id, '', this.shardCount), 'countOpenExecutions', [namespace]);
  }

  async listRecentExecutions(namespace: NamespaceRef, options: { limit: number }) {
    const shardId = shardFor(namespace.id, '', this.shardCount);
    return this.invoke(shardId, 'listRecentExecutions', [namespace, options]);
  }

  async getQueryTarget(namespace: NamespaceRef, execution: { workflowId: string; runId?: string }) {
    const shardId = this.shardOf(namespace.id, execution.workflowId, 'execution.workflowId');
    return this.invoke(shardId, 'getQueryTarget', [namespace, execution]);
  }

  async processTransfer(task: TransferTask) {
    const shardId = shardFor(task.namespaceId, task.target.workflowId, this.shardCount);
    return this.invoke(shardId, 'processTransfer', [task]);
  }

  // The update rpcs wait at most the engine's long poll (20 s), well within the call timeout.
  async updateWorkflowExecution(
    namespace: NamespaceRef,
    request: RequestOf<'updateWorkflowExecution'>,
    signal?: AbortSignal,
  ) {
    const shardId = this.shardOf(
      namespace.id,
      request.workflowExecution?.workflowId,
      'workflowExecution.workflowId',
    );
    const options: CallOptions = { signal, timeoutMs: this.callTimeoutMs };
    return this.invoke(shardId, 'updateWorkflowExecution', [namespace, request], options);
  }

  async pollWorkflowExecutionUpdate(
    namespace: NamespaceRef,
    request: RequestOf<'pollWorkflowExecutionUpdate'>,
    signal?: AbortSignal,
  ) {
    const shardId = this.shardOf(
      namespace.id,
      request.updateRef?.workflowExecution?.workflowId,
      'updateRef.workflowExecution.workflowId',
    );
    const options: CallOptions = { signal, timeoutMs: this.callTimeoutMs };
    return this.invoke(shardId, 'pollWorkflowExecutionUpdate', [namespace, request], options);
  }

  async updateWithStartWorkflowExecution(
    namespace: NamespaceRef,
    start: RequestOf<'updateWithStartWorkflowExecution'>,
    update: Parameters<HistoryClient['updateWithStartWorkflowExecution']>[2],
    signal?: AbortSignal,
  ) {
    const shardId = this.shardOf(namespace.id, start.workflowId, 'workflowId');
    const options: CallOptions = { signal, timeoutMs: this.callTimeoutMs };
    return this.invoke(shardId, 'updateWithStartWorkflowExecution', [namespace, start, update], options);
  }

  private shardOf(namespaceId: string, workflowId: string | null | undefined, field: string): number {
    if (!workflowId) throw InvalidArgument.forField(field, 'must not be empty');
    return shardFor(namespaceId, workflowId, this.shardCount);
  }

  /** The token names the run; the engine reads the namespace from it too, so route by it. */
  private shardOfToken(taskToken: Uint8Array | null | undefined, kind: 'workflow' | 'activity'): number {
    const token = decodeTaskToken(taskToken, kind);
    return shardFor(token.namespaceId, token.workflowId, this.shardCount);
  }

  private shardOfActivity(namespace: NamespaceRef, target: ActivityTarget): number {
    if ('taskToken' in target) return this.shardOfToken(target.taskToken, 'activity');
    return this.shardOf(namespace.id, target.workflowId, 'workflowId');
  }

  private async invoke<M extends Method>(
    shardId: number,
    method: M,
    args: Parameters<HistoryClient[M]>,
    options: CallOptions = { timeoutMs: this.callTimeoutMs },
  ): Promise<ResultOf<M>> {
    let deadline = Date.now() + this.retryForMs;
    let backoffMs = 25;
    let lastProblem: unknown;
    for (let attempt = 0; ; attempt++) {
      // Read the owners again after any failure: that is when the cached one is likely stale.
      if (attempt > 0 || !this.owners.has(shardId)) {
        try {
          await this.readOwners();
        } catch (error) {
          lastProblem = error;
        }
      }
      const address = this.owners.get(shardId);
      if (address !== undefined) {
        const calledAt = Date.now();
        try {
          return await this.clientFor(address).call<ResultOf<M>>(method, args, options);
        } catch (error) {
          if (!(error instanceof Unavailable)) throw error;
          lastProblem = error;
          // A call that ran long (a history long poll) before its shard moved still gets a full
          // retry window from now; quick failures keep counting against the first one.
          if (Date.now() - calledAt > 1_000) deadline = Math.max(deadline, Date.now() + this.retryForMs);
        }
      }
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) break;
      await pause(Math.min(backoffMs, remainingMs), options.signal);
      backoffMs = Math.min(backoffMs * 2, 1_000);
    }
    throw new Unavailable(
      `history shard ${shardId} is unavailable: no owner answered within ${this.retryForMs} ms`,
      {
        cause: lastProblem,
      },
    );
  }

  /** One read of every live owner at a time; concurrent callers share it. */
  private readOwners(): Promise<void> {
    this.ownersRead ??= this.pool
      .query<{ shard_id: number; owner_address: string }>(
        `SELECT shard_id, owner_address FROM history_shards
         WHERE owner IS NOT NULL AND owner_address IS NOT NULL AND lease_expires_at > now()`,
      )
      .then(({ rows }) => {
        this.owners = new Map(rows.map((row) => [row.shard_id, row.owner_address]));
      })
      .finally(() => {
        this.ownersRead = undefined;
      });
    return this.ownersRead;
  }

  private clientFor(address: string): InternalRpcClient {
    let client = this.clients.get(address);
    if (!client) {
      client = createInternalRpcClient(address);
      this.clients.set(address, client);
    }
    return client;
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
