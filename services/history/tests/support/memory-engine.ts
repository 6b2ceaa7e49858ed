import { createLogger } from '@kairos/telemetry';
import { temporal, int64ToNumber } from '@kairos/proto';
import type pg from 'pg';
import type { EngineContext } from '../../src/engine/engine-context.ts';
import { RunLocks } from '../../src/engine/run-locks.ts';
import { RunNotifier } from '../../src/engine/run-notifier.ts';
import {
  ConcurrentUpdate,
  ExecutionStore,
  shardNotOwned,
  type CurrentRun,
  type CurrentRunWrite,
  type StoredExecution,
  type TimerRow,
} from '../../src/persistence/execution-store.ts';
import type { ShardOwnership } from '../../src/shards/shard-ownership.ts';
import type { ExecutionMutation } from '../../src/state/execution-mutation.ts';
import type { MutableState } from '../../src/state/mutable-state.ts';
import type { TaskMessage } from '../../src/task-message.ts';
import type { PollerInfo } from '../../src/client.ts';
import { HistoryEngine } from '../../src/history-engine.ts';
import { fireTimer } from '../../src/timers/fire-timer.ts';
import type { TimerPayload } from '../../src/state/timer-payload.ts';
import { NAMESPACE_ID, NOW, RUN_ID, WORKFLOW_ID } from './execution-fixture.ts';
import { pollTask } from './workflow-driver.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const HistoryEvent = temporal.api.history.v1.HistoryEvent;

/** The memory store never touches Postgres; any use of the pool is a mistake in the test. */
const noDatabase = new Proxy(
  {},
  {
    get() {
      throw new Error('the in-memory execution store must not reach Postgres');
    },
  },
) as unknown as pg.Pool;

/** Owns every shard under range id 1. */
const ownsEverything: ShardOwnership = {
  rangeIdOf: () => 1,
  ownedShards: () => [0, 1, 2, 3],
  onChange: () => undefined,
};

/**
 * ExecutionStore's contract kept in memory (db_version guard, current-run claim, consumed timers,
 * duplicate event ids rejected), so the engine's operations run without a database: the pure tests
 * of fire-timer and the api operations drive the real code through it with a hand-set clock.
 */
export class MemoryExecutionStore extends ExecutionStore {
  readonly executions = new Map<string, StoredExecution>();
  readonly current = new Map<string, CurrentRun>();
  readonly events = new Map<string, IHistoryEvent[]>();
  readonly timers = new Map<string, TimerRow>();
  readonly outbox: TaskMessage[] = [];
  private nextTimerId = 1;

  constructor(private readonly owner: ShardOwnership = ownsEverything) {
    super(noDatabase, owner);
  }

  /** Puts a hand-built run in the store (db_version 1) as the workflow id's current run. */
  seed(state: MutableState, events: IHistoryEvent[] = []): void {
    this.executions.set(state.runId, { state: structuredClone(state), dbVersion: 1, shardId: 0 });
    this.current.set(`${state.namespaceId}/${state.workflowId}`, {
      runId: state.runId,
      status: state.status,
      startRequestId: state.startRequestId,
    });
    this.events.set(state.runId, events.map(roundTrip));
  }

  stateOf(runId: string): MutableState {
    const stored = this.executions.get(runId);
    if (!stored) throw new Error(`no run ${runId}`);
    return stored.state;
  }

  historyOf(runId: string): IHistoryEvent[] {
    return this.events.get(runId) ?? [];
  }

  override async load(_namespaceId: string, _workflowId: string, runId: string) {
    const stored = this.executions.get(runId);
    return stored && structuredClone(stored);
  }

  override async currentRun(namespaceId: string, workflowId: string) {
    const current = this.current.get(`${namespaceId}/${workflowId}`);
    return current && { ...current };
  }

  override async readEvents(runId: string, fromEventId: number, toEventId: number, limit: number) {
    return this.historyOf(runId)
      .filter(
        (event) => int64ToNumber(event.eventId) >= fromEventId && int64ToNumber(event.eventId) < toEventId,
      )
      .slice(0, limit)
      .map(roundTrip);
  }

  override async readEventsReverse(runId: string, fromEventId: number, toEventId: number, limit: number) {
    return (await this.readEvents(runId, fromEventId, toEventId, Number.MAX_SAFE_INTEGER))
      .reverse()
      .slice(0, limit);
  }

  override async persist(
    shardId: number,
    previousDbVersion: number | undefined,
    mutation: ExecutionMutation,
    current: CurrentRunWrite,
  ): Promise<TimerRow[] | undefined> {
    if (this.owner.rangeIdOf(shardId) === undefined) throw shardNotOwned(shardId);
    const state = mutation.state;
    if (mutation.consumedTimerIds.some((id) => !this.timers.has(id))) return undefined;
    const existing = this.executions.get(state.runId);
    if (previousDbVersion === undefined ? existing : existing?.dbVersion !== previousDbVersion) {
      throw new ConcurrentUpdate();
    }
    const key = `${state.namespaceId}/${state.workflowId}`;
    const currentRow = this.current.get(key);
    if (current.kind === 'claim' && (current.replacing ?? undefined) !== currentRow?.runId) {
      throw new ConcurrentUpdate();
    }
    const history = this.historyOf(state.runId);
    for (const event of mutation.events) {
      const id = int64ToNumber(event.eventId);
      if (history.some((written) => int64ToNumber(written.eventId) === id))
        throw new Error(`event ${id} exists`);
    }

    for (const id of mutation.consumedTimerIds) this.timers.delete(id);
    this.executions.set(state.runId, {
      state: structuredClone(state),
      dbVersion: (existing?.dbVersion ?? 0) + 1,
      shardId,
    });
    if (current.kind === 'claim' || currentRow?.runId === state.runId) {
      this.current.set(key, {
        runId: state.runId,
        status: state.status,
        startRequestId: state.startRequestId,
      });
    }
    this.events.set(state.runId, [...history, ...mutation.events.map(roundTrip)]);
    this.outbox.push(...mutation.tasks.map((task) => ({ ...task })));
    const rows = mutation.timers.map((timer) => {
      const row: TimerRow = {
        id: String(this.nextTimerId++),
        shardId,
        fireAtMs: timer.fireAtMs,
        namespaceId: state.namespaceId,
        workflowId: state.workflowId,
        runId: state.runId,
        payload: structuredClone(timer.payload),
      };
      this.timers.set(row.id, row);
      return row;
    });
    // The run that continues this one, as the same transaction writes it (a new run claiming the id).
    if (mutation.successor) {
      const successorRows = await this.persist(shardId, undefined, mutation.successor, {
        kind: 'claim',
        replacing: state.runId,
      });
      rows.push(...(successorRows ?? []));
    }
    return rows;
  }

  /** Timer rows of a run whose payload is of `type`, oldest first. */
  timersOfType<Type extends TimerRow['payload']['type']>(runId: string, type: Type) {
    return [...this.timers.values()].filter(
      (row): row is TimerRow & { payload: Extract<TimerRow['payload'], { type: Type }> } =>
        row.runId === runId && row.payload.type === type,
    );
  }

  /** The last workflow task published for a run, as matching would receive it. */
  lastWorkflowTask(runId: string): TaskMessage {
    const task = this.outbox
      .filter((candidate) => candidate.kind === 'workflow' && candidate.runId === runId)
      .at(-1);
    if (!task) throw new Error(`no workflow task was published for run ${runId}`);
    return task;
  }
}

export interface MemoryEngine {
  context: EngineContext;
  store: MemoryExecutionStore;
  history: HistoryEngine;
  /** The engine's clock; tests move it by hand. */
  clock: { now: number };
}

export function memoryEngine(): MemoryEngine {
  const store = new MemoryExecutionStore();
  const clock = { now: NOW };
  const context: EngineContext = {
    store,
    ownership: ownsEverything,
    shardCount: 4,
    locks: new RunLocks(),
    notifier: new RunNotifier(),
    logger: createLogger({ service: 'history-test', level: 'silent' }),
    now: () => clock.now,
    committed: () => undefined,
  };
  return { context, store, clock, history: new HistoryEngine(context) };
}

/** A timer row of the fixture run, due at NOW. */
export function dueTimerRow(payload: TimerPayload, id = 'timer-row-1'): TimerRow {
  return {
    id,
    shardId: 0,
    fireAtMs: NOW,
    namespaceId: NAMESPACE_ID,
    workflowId: WORKFLOW_ID,
    runId: RUN_ID,
    payload,
  };
}

/** Seeds `state`, stores one due timer row and fires it with the clock at NOW; answers what is left. */
export async function fireSeededTimer(state: MutableState, payload: TimerPayload) {
  const engine = memoryEngine();
  engine.store.seed(state);
  const row = dueTimerRow(payload);
  engine.store.timers.set(row.id, row);
  await fireTimer(engine.context, row);
  return {
    ...engine,
    row,
    state: engine.store.stateOf(RUN_ID),
    events: engine.store.historyOf(RUN_ID),
    newTimers: [...engine.store.timers.values()].map((timer) => [timer.fireAtMs, timer.payload]),
  };
}

/** A poller takes the run's latest published workflow task. */
export function pollWorkflowTask(engine: MemoryEngine, runId: string, poller: Partial<PollerInfo> = {}) {
  return pollTask(engine.history, engine.store.lastWorkflowTask(runId), poller);
}

/** Events cross an encode/decode as they do through Postgres (int64 as Long, defaults filled). */
function roundTrip(event: IHistoryEvent): IHistoryEvent {
  return HistoryEvent.decode(HistoryEvent.encode(event).finish());
}
