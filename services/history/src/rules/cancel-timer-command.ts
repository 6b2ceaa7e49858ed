import type { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, idProblem, rejectCommand, type CommandCheck } from './command-outcome.ts';

const at = 'cancelTimerCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES;

export interface CancelTimerContext {
  /** Ids of the run's pending timers, including those started by earlier commands of the same task. */
  pendingTimerIds: ReadonlySet<string>;
  /** Timers that fired while the workflow task ran: their TimerFired events are still buffered. */
  firedTimerIdsInBuffer?: ReadonlySet<string>;
}

export interface TimerToCancel {
  timerId: string;
  /**
   * `pending`: cancel the running timer. `fired-buffered`: it already fired but the worker had not
   * seen it; Temporal drops the buffered TimerFired event and records TimerCanceled instead.
   */
  state: 'pending' | 'fired-buffered';
}

/**
 * A CancelTimer command as Temporal checks it: attributes present, timer id set and at most 1000
 * bytes, and the timer pending (or fired with its event still buffered); anything else fails the
 * task with BAD_CANCEL_TIMER_ATTRIBUTES.
 */
export function checkCancelTimerCommand(
  attributes: temporal.api.command.v1.ICancelTimerCommandAttributes | null | undefined,
  context: CancelTimerContext,
): CommandCheck<TimerToCancel> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const timerId = attributes.timerId ?? '';
  const badId = idProblem(timerId);
  if (badId) return rejectCommand(badAttributes, `${at}.timerId`, badId);
  if (context.pendingTimerIds.has(timerId)) return { ok: true, attributes: { timerId, state: 'pending' } };
  if (context.firedTimerIdsInBuffer?.has(timerId)) {
    return { ok: true, attributes: { timerId, state: 'fired-buffered' } };
  }
  return rejectCommand(badAttributes, `${at}.timerId`, `no pending timer has id ${JSON.stringify(timerId)}`);
}
