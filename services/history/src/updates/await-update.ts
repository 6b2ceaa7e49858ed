import { NotFound } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { loadExecution, type EngineContext } from '../engine/engine-context.ts';
import type { MutableState } from '../state/mutable-state.ts';

type Stage = temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
const { UpdateWorkflowExecutionLifecycleStage: Stage } = temporal.api.enums.v1;

/** How long an update rpc waits for its stage before answering with the stage reached (as Temporal). */
export const UPDATE_LONG_POLL_MS = 20_000;

/** Where an update stands, as the update rpcs answer it. */
export interface UpdateView {
  runId: string;
  stage: Stage;
  outcome?: temporal.api.update.v1.IOutcome;
}

export interface UpdateTarget {
  namespaceId: string;
  workflowId: string;
  runId: string;
  updateId: string;
}

/**
 * Waits until the update reaches `wanted` (a rejection or any outcome counts as COMPLETED), the
 * deadline passes, or `signal` aborts; answers where the update stands then. Wakes on the run's new
 * events (accept, complete and close all write some; so does the task that carried a rejection).
 */
export async function awaitUpdateStage(
  context: EngineContext,
  target: UpdateTarget,
  wanted: Stage,
  options: { waitMs?: number; signal?: AbortSignal } = {},
): Promise<UpdateView> {
  const deadline = Date.now() + (options.waitMs ?? UPDATE_LONG_POLL_MS);
  for (;;) {
    // Listen before reading, so an event written between the read and the wait is not missed.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const woken = context.notifier.wait(target.runId, Math.max(0, deadline - Date.now()), stop.signal);
    try {
      const stored = await loadExecution(context, target);
      const view = await viewUpdate(context, stored.state, target.updateId);
      if (view.stage >= wanted || Date.now() >= deadline || options.signal?.aborted) return view;
      await woken;
    } finally {
      stop.abort();
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * The update's stage and outcome from the run's state (the outcome of a completed update is read
 * from its WorkflowExecutionUpdateCompleted event). NotFound when the run never had it, or closed
 * before the update was accepted.
 */
export async function viewUpdate(
  context: EngineContext,
  state: MutableState,
  updateId: string,
): Promise<UpdateView> {
  const info = state.updates?.[updateId];
  const closed = state.status !== 'running';
  if (!info) {
    if (closed) throw workflowCompleted();
    throw new NotFound(`update "${updateId}" not found`);
  }
  const runId = state.runId;
  switch (info.stage) {
    case 'admitted':
      if (closed) throw new UpdateAbortedByClose(runId);
      return { runId, stage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED };
    case 'accepted':
      if (!closed) return { runId, stage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED };
      return {
        runId,
        stage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
        outcome: {
          failure: {
            message: 'Workflow Update failed because the Workflow completed before the Update completed.',
            source: 'Server',
            applicationFailureInfo: { type: 'AcceptedUpdateCompletedWorkflow', nonRetryable: true },
          },
        },
      };
    case 'rejected':
      return {
        runId,
        stage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
        outcome: {
          failure: temporal.api.failure.v1.Failure.decode(Buffer.from(info.rejection ?? '', 'base64')),
        },
      };
    case 'completed': {
      const eventId = info.completedEventId ?? 0;
      const [event] = await context.store.readEvents(runId, eventId, eventId + 1, 1);
      const outcome = event?.workflowExecutionUpdateCompletedEventAttributes?.outcome ?? undefined;
      return { runId, stage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED, outcome };
    }
  }
}

/**
 * An admitted update whose run closed before a worker answered it. Temporal's answer (NotFound); a
 * request that named no run tries again on the run that continues the workflow id, if any.
 */
export class UpdateAbortedByClose extends NotFound {
  constructor(readonly runId: string) {
    super('workflow update was aborted by closing workflow');
  }
}

/** Temporal's answer for a new update on a closed run. */
export function workflowCompleted(): NotFound {
  return new NotFound('workflow execution already completed');
}
