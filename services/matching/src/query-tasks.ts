import type { NamespaceRef, QueryTarget } from '@kairos/history/client';
import type { temporal } from '@kairos/proto';
import { queueId, type TaskQueueKey } from './task-queue-key.ts';

export type QueryAnswer = temporal.api.workflowservice.v1.IRespondQueryTaskCompletedRequest;

/** A legacy query waiting for a poller (undispatched) or for the worker's answer (dispatched). */
export interface PendingQuery {
  id: string;
  namespace: NamespaceRef;
  target: QueryTarget;
  query: temporal.api.query.v1.IWorkflowQuery;
  /** Where it waits now: the sticky queue first, the normal queue once the sticky worker is gone. */
  queue: TaskQueueKey;
  sticky: boolean;
  dispatched: boolean;
  answer(answer: QueryAnswer): void;
  fail(error: unknown): void;
}

/**
 * Legacy query tasks live only in memory: a query is a synchronous call, so when this process dies
 * its caller's call fails too and nothing is left to deliver.
 */
export class QueryTasks {
  private readonly byId = new Map<string, PendingQuery>();
  private readonly waiting = new Map<string, PendingQuery[]>();

  add(query: PendingQuery): void {
    this.byId.set(query.id, query);
    this.enqueue(query, 'back');
  }

  /** The oldest undispatched query of the queue, now marked dispatched. */
  take(key: TaskQueueKey): PendingQuery | undefined {
    const id = queueId(key);
    const list = this.waiting.get(id);
    const query = list?.shift();
    if (list?.length === 0) this.waiting.delete(id);
    if (query) query.dispatched = true;
    return query;
  }

  /** A dispatched query whose poll could not deliver it goes back to the head of its queue. */
  putBack(query: PendingQuery): void {
    if (this.byId.get(query.id) !== query || !query.dispatched) return;
    query.dispatched = false;
    this.enqueue(query, 'front');
  }

  /** Removes and returns a dispatched query, for its worker's answer. */
  complete(id: string): PendingQuery | undefined {
    const query = this.byId.get(id);
    if (!query?.dispatched) return undefined;
    this.byId.delete(id);
    return query;
  }

  /** Forgets a query (its caller gave up); true when it was still pending. */
  remove(query: PendingQuery): boolean {
    if (this.byId.get(query.id) !== query) return false;
    this.byId.delete(query.id);
    if (!query.dispatched) this.unqueue(query);
    return true;
  }

  /** Moves an undispatched query to another queue (its sticky worker is gone). */
  move(query: PendingQuery, to: TaskQueueKey): void {
    if (query.dispatched) return;
    this.unqueue(query);
    query.queue = to;
    query.sticky = false;
    this.enqueue(query, 'back');
  }

  waitingCount(key: TaskQueueKey): number {
    return this.waiting.get(queueId(key))?.length ?? 0;
  }

  /** Undispatched queries waiting on sticky queues. */
  waitingOnSticky(): PendingQuery[] {
    return [...this.waiting.values()].flat().filter((query) => query.sticky);
  }

  all(): PendingQuery[] {
    return [...this.byId.values()];
  }

  private enqueue(query: PendingQuery, end: 'front' | 'back'): void {
    const id = queueId(query.queue);
    const list = this.waiting.get(id) ?? [];
    if (end === 'front') list.unshift(query);
    else list.push(query);
    this.waiting.set(id, list);
  }

  private unqueue(query: PendingQuery): void {
    const id = queueId(query.queue);
    const list = this.waiting.get(id);
    if (!list) return;
    const index = list.indexOf(query);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.waiting.delete(id);
  }
}
