import { NotFound } from '@kairos/errors';
import type { Logger } from '@kairos/telemetry';
import {
  ConcurrentUpdate,
  shardNotOwned,
  type CurrentRunWrite,
  type ExecutionStore,
  type StoredExecution,
  type TimerRow,
} from '../persistence/execution-store.ts';
import { terminateRun } from '../transitions/terminate-run.ts';
import { checkHistoryLimits } from '../rules/history-limits.ts';
import { shardFor } from '../shards/shard-for.ts';
import type { ShardOwnership } from '../shards/shard-ownership.ts';
import type { SearchAttributeLookup } from '../rules/search-attribute-value.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { RunLocks } from './run-locks.ts';
import type { RunNotifier } from './run-notifier.ts';

/** What every history operation works with. */
export interface EngineContext {
  store: ExecutionStore;
  ownership: ShardOwnership;
  shardCount: number;
  locks: RunLocks;
  notifier: RunNotifier;
  logger: Logger;
  now(): number;
  /** After a commit: wake the outbox relay and hand new timers to the timer queue. */
  committed(shardId: number, timers: TimerRow[]): void;
  /** A namespace's registered search attributes (cached briefly); absent: upserts go unchecked. */
  searchAttributeLookup?(namespaceId: string): Promise<SearchAttributeLookup>;
}

export interface RunRef {
  namespaceId: string;
  workflowId: string;
  /** Empty or undefined: the workflow id's current run. */
  runId?: string | null;
}

const MAX_CONFLICT_RETRIES = 8;

/** The run a request's `workflowExecution`/`execution` field names in a namespace. */
export function executionRef(
  namespace: { id: string },
  execution: { workflowId?: string | null; runId?: string | null } | null | undefined,
): RunRef {
  return { namespaceId: namespace.id, workflowId: execution?.workflowId ?? '', runId: execution?.runId };
}

/** The shard of a workflow, after checking this process owns it (else the caller is told to reroute). */
export function ownedShard(context: EngineContext, namespaceId: string, workflowId: string): number {
  const shardId = shardFor(namespaceId, workflowId, context.shardCount);
  if (context.ownership.rangeIdOf(shardId) === undefined) throw shardNotOwned(shardId);
  return shardId;
}

/** Temporal's wording, with its NotFoundFailure detail (which SDKs turn into WorkflowNotFoundError). */
export function workflowNotFound(ref: RunRef): NotFound {
  return new NotFound(
    ref.runId
      ? `workflow execution not found for workflow ID "${ref.workflowId}" and run ID "${ref.runId}"`
      : `workflow not found for ID: ${ref.workflowId}`,
    { detail: { type: 'NotFound' } },
  );
}

/** Resolves an empty run id to the current run; throws NotFound when there is none. */
export async function resolveRunId(context: EngineContext, ref: RunRef): Promise<string> {
  if (ref.runId) return ref.runId;
  const current = await context.store.currentRun(ref.namespaceId, ref.workflowId);
  if (!current) throw workflowNotFound(ref);
  return current.runId;
}

export async function loadExecution(context: EngineContext, ref: RunRef): Promise<StoredExecution> {
  const runId = await resolveRunId(context, ref);
  const stored = await context.store.load(ref.namespaceId, ref.workflowId, runId);
  if (!stored) throw workflowNotFound(ref);
  return stored;
}

/**
 * Runs one transition of an existing run: load, apply `transition` to a mutation (pure; throw a
 * DomainError to refuse), persist in one fenced transaction, retry from a fresh load when another
 * writer won the race. Answers what the transition returned.
 */
export async function updateExecution<T>(
  context: EngineContext,
  ref: RunRef,
  transition: (mutation: ExecutionMutation, stored: StoredExecution) => T,
): Promise<T> {
  const shardId = ownedShard(context, ref.namespaceId, ref.workflowId);
  let runId = await resolveRunId(context, ref);
  for (let hop = 1; ; hop += 1) {
    const outcome = await updateRun(context, ref, shardId, runId, transition);
    if (!('movedTo' in outcome)) return outcome.result;
    // Named by workflow id only, and the run closed into a new one meanwhile (continue-as-new,
    // retry, cron): the operation goes to the run that is current now, as in Temporal.
    if (hop >= MAX_CONFLICT_RETRIES) throw new ConcurrentUpdate();
    runId = outcome.movedTo;
  }
}

async function updateRun<T>(
  context: EngineContext,
  ref: RunRef,
  shardId: number,
  runId: string,
  transition: (mutation: ExecutionMutation, stored: StoredExecution) => T,
): Promise<{ result: T } | { movedTo: string }> {
  return context.locks.withLock(runId, async () => {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await context.store.load(ref.namespaceId, ref.workflowId, runId);
      if (!stored) throw workflowNotFound(ref);
      if (!ref.runId && stored.state.status !== 'running') {
        const current = await context.store.currentRun(ref.namespaceId, ref.workflowId);
        if (current && current.runId !== runId) return { movedTo: current.runId };
      }
      const mutation = new ExecutionMutation(stored.state, context.now());
      const result = transition(mutation, stored);
      if (!mutation.changed) return { result };
      enforceHistoryLimits(mutation);
      try {
        await persistAndAnnounce(context, shardId, stored.dbVersion, mutation, { kind: 'mirror' });
        return { result };
      } catch (error) {
        if (!(error instanceof ConcurrentUpdate) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  });
}

/**
 * Temporal's hard history limits (51,200 events, 50 MB): a run that grows past them is terminated by
 * the server in the same write, so history never grows without bound.
 */
function enforceHistoryLimits(mutation: ExecutionMutation): void {
  const state = mutation.state;
  const verdict = checkHistoryLimits(
    { historySizeBytes: state.historySizeBytes, eventCount: state.nextEventId - 1 },
    state.status === 'running',
  );
  if (verdict.terminate) terminateRun(mutation, { reason: verdict.reason, identity: 'history-service' });
}

/** Persists a mutation and tells the queues and long polls about it. */
export async function persistAndAnnounce(
  context: EngineContext,
  shardId: number,
  previousDbVersion: number | undefined,
  mutation: ExecutionMutation,
  current: CurrentRunWrite,
): Promise<boolean> {
  const timers = await context.store.persist(shardId, previousDbVersion, mutation, current);
  if (!timers) return false;
  context.committed(shardId, timers);
  if (mutation.events.length > 0) context.notifier.notify(mutation.state.runId);
  return true;
}
