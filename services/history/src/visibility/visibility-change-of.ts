import {
  VISIBILITY_CHANGE_FORMAT,
  type ExecutionStatusName as VisibleStatus,
  type VisibilityChange,
} from '@kairos/visibility';
import type { ExecutionStatusName, MutableState } from '../state/mutable-state.ts';

// What history tells the visibility indexer about a run, and when. Temporal writes a visibility
// record when a run starts, when it upserts search attributes or memo, and when it closes; Kairos
// does the same from the transaction that makes the change (through the outbox).

const VISIBLE_STATUS: Readonly<Record<ExecutionStatusName, VisibleStatus>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  canceled: 'Canceled',
  terminated: 'Terminated',
  continued_as_new: 'ContinuedAsNew',
  timed_out: 'TimedOut',
};

/**
 * The visibility message of `state` as written by the transaction that gives the execution row
 * `dbVersion`; the indexer keeps the record of the highest version, so replays are harmless.
 */
export function visibilityChangeOf(
  state: MutableState,
  dbVersion: number,
  changedAtMs: number,
): VisibilityChange {
  // A run without a recorded root is the root of its own tree (Temporal indexes it as its own root).
  const root = state.root ?? { workflowId: state.workflowId, runId: state.runId };
  return {
    format: VISIBILITY_CHANGE_FORMAT,
    namespaceId: state.namespaceId,
    workflowId: state.workflowId,
    runId: state.runId,
    workflowType: state.workflowType,
    status: VISIBLE_STATUS[state.status],
    startTimeMs: state.startTimeMs,
    executionTimeMs: state.executionTimeMs,
    closeTimeMs: state.status === 'running' ? null : (state.closeTimeMs ?? changedAtMs),
    taskQueue: state.taskQueue,
    historyLength: state.nextEventId - 1,
    historySizeBytes: state.historySizeBytes,
    stateTransitionCount: state.stateTransitionCount,
    parentWorkflowId: state.parent?.workflowId ?? null,
    parentRunId: state.parent?.runId ?? null,
    rootWorkflowId: root.workflowId,
    rootRunId: root.runId,
    memo: state.memo ?? null,
    searchAttributes: state.searchAttributes ?? null,
    version: String(dbVersion),
    changedAtMs,
  };
}

/**
 * Does a write that turns `before` into `after` change what visibility shows? Yes for a new run
 * (`before` undefined), a status change (close, continue-as-new), and upserted search attributes or
 * memo. A closed run that still grows (events written in or after its close transaction) is sent
 * again, so the closed record always carries the final history length and size.
 */
export function changesVisibility(before: MutableState | undefined, after: MutableState): boolean {
  if (before === undefined) return true;
  if (before.status !== after.status) return true;
  if (before.searchAttributes !== after.searchAttributes || before.memo !== after.memo) return true;
  return (
    after.status !== 'running' &&
    (before.nextEventId !== after.nextEventId || before.historySizeBytes !== after.historySizeBytes)
  );
}
