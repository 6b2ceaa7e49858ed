import type { temporal } from '@kairos/proto';
import { WorkflowTaskFailedCause, idProblem, rejectCommand, type CommandCheck } from './command-outcome.ts';
import { readDuration } from './proto-duration.ts';

const at = 'startTimerCommandAttributes';
const badAttributes = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES;

export interface NormalizedTimer {
  timerId: string;
  /** 0 is allowed (Temporal accepts a missing or zero timeout): the timer fires right away. */
  startToFireTimeoutMs: number;
}

export interface StartTimerContext {
  /** Ids of the run's pending timers, including those started by earlier commands of the same task. */
  pendingTimerIds: ReadonlySet<string>;
}

/**
 * A StartTimer command as Temporal checks it: attributes present, timer id set and at most 1000
 * bytes, the timeout not negative (absent or zero is fine); then an id already pending fails the
 * task with START_TIMER_DUPLICATE_ID.
 */
export function checkStartTimerCommand(
  attributes: temporal.api.command.v1.IStartTimerCommandAttributes | null | undefined,
  context: StartTimerContext,
): CommandCheck<NormalizedTimer> {
  if (!attributes) return rejectCommand(badAttributes, at, 'must be set');
  const timerId = attributes.timerId ?? '';
  const badId = idProblem(timerId);
  if (badId) return rejectCommand(badAttributes, `${at}.timerId`, badId);
  const timeout = readDuration(attributes.startToFireTimeout);
  if (!timeout.ok) return rejectCommand(badAttributes, `${at}.startToFireTimeout`, timeout.problem);
  if (context.pendingTimerIds.has(timerId)) {
    return rejectCommand(
      WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID,
      `${at}.timerId`,
      `a timer with id ${JSON.stringify(timerId)} is already pending`,
    );
  }
  return { ok: true, attributes: { timerId, startToFireTimeoutMs: timeout.ms } };
}
