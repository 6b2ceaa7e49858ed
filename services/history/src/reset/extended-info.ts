import { msToTimestamp, type temporal } from '@kairos/proto';
import type { MutableState } from '../state/mutable-state.ts';

/**
 * Describe's `workflowExtendedInfo`, as Temporal fills it: the original start (a reset run keeps its
 * base run's), when the run was made by a reset, and on a reset run the newest run made from it.
 */
export function workflowExtendedInfo(
  state: MutableState,
): temporal.api.workflow.v1.IWorkflowExecutionExtendedInfo {
  return {
    originalStartTime: msToTimestamp(state.originalStartTimeMs ?? state.startTimeMs),
    lastResetTime: state.lastResetTimeMs === undefined ? null : msToTimestamp(state.lastResetTimeMs),
    resetRunId: state.resetRunId ?? '',
    cancelRequested: state.cancelRequested,
    executionExpirationTime:
      state.executionExpirationTimeMs === undefined ? null : msToTimestamp(state.executionExpirationTimeMs),
  };
}
