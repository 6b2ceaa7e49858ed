// Workflows for child workflows: results, failures, id conflicts, parent close policies, cancellation.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  condition,
  continueAsNew,
  defineSignal,
  executeChild,
  isCancellation,
  setHandler,
  startChild,
} from '@temporalio/workflow';

export const releaseChildSignal = defineSignal('releaseChild');

export async function childEcho(value: string): Promise<string> {
  return `child:${value}`;
}

export async function childFails(message: string): Promise<never> {
  throw ApplicationFailure.nonRetryable(message, 'ChildBroke');
}

/** Stays open until signalled `release` (or cancelled: the wait throws and the run closes CANCELED). */
export async function childWaitsForRelease(): Promise<string> {
  let released = false;
  setHandler(releaseChildSignal, () => {
    released = true;
  });
  await condition(() => released);
  return 'released';
}

/** Continues as new `remaining` times, then completes: the parent must hear only of the last run. */
export async function childContinues(remaining: number): Promise<string> {
  if (remaining > 0) await continueAsNew<typeof childContinues>(remaining - 1);
  return 'chain done';
}

export async function parentExecutesChild(childId: string, value: string): Promise<string> {
  return executeChild(childEcho, { workflowId: childId, args: [value] });
}

export async function parentOfFailingChild(childId: string): Promise<string> {
  return executeChild(childFails, { workflowId: childId, args: ['the child broke'] });
}

export async function parentOfContinuingChild(childId: string): Promise<string> {
  return executeChild(childContinues, { workflowId: childId, args: [2] });
}

/** Starts a child whose id is taken; answers what the SDK reported. */
export async function parentStartsTakenChild(childId: string): Promise<string> {
  try {
    await startChild(childWaitsForRelease, { workflowId: childId });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return `already started: ${error.workflowId}`;
    throw error;
  }
}

/** Completes while its child is still open, leaving it to the policy. */
export async function parentLeavesChildOpen(
  childId: string,
  policy: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON',
): Promise<string> {
  const child = await startChild(childWaitsForRelease, {
    workflowId: childId,
    parentClosePolicy: ParentClosePolicy[policy],
  });
  return child.firstExecutionRunId;
}

/** Starts a child, then cancels it (RequestCancelExternal, child only) and waits for it to close. */
export async function parentCancelsChild(childId: string): Promise<string> {
  const scope = new CancellationScope();
  const child = await scope.run(() => startChild(childWaitsForRelease, { workflowId: childId }));
  scope.cancel();
  try {
    await child.result();
    return 'the child was not cancelled';
  } catch (error) {
    if (isCancellation(error)) return 'child cancelled';
    throw error;
  }
}

/** Waits on a child; cancelling this workflow cancels the child (WAIT_CANCELLATION_COMPLETED). */
export async function parentWaitsOnChild(childId: string): Promise<string> {
  return executeChild(childWaitsForRelease, { workflowId: childId });
}
