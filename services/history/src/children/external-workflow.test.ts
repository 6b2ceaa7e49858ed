import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  NAMESPACE_ID,
  RUN_ID,
  WORKFLOW_ID,
  mutationOf,
  runningState,
  typeName,
} from '../../tests/support/execution-fixture.ts';
import { deliverExternalSignal, recordExternalOutcome } from './external-workflow.ts';

const PARENT = { workflowId: 'parent-1', runId: '7c0e2f4a-9b1d-4e3a-8c5f-000000000002' };
const base = {
  namespaceId: NAMESPACE_ID,
  namespace: 'default',
  target: { workflowId: WORKFLOW_ID, runId: RUN_ID },
};

describe('signals between workflows', () => {
  const signalTask = (childWorkflowOnly: boolean) => ({
    ...base,
    kind: 'signal-external' as const,
    initiatedEventId: 7,
    sender: PARENT,
    signalName: 'poke',
    childWorkflowOnly,
  });

  it('delivers once per initiated event, naming the sender', () => {
    const mutation = mutationOf(runningState({ nextEventId: 6 }));
    expect(deliverExternalSignal(mutation, signalTask(false))).toBe(true);
    expect(deliverExternalSignal(mutation, signalTask(false))).toBe(true);
    expect(mutation.events.map(typeName)).toEqual(['WorkflowExecutionSignaled', 'WorkflowTaskScheduled']);
    expect(mutation.events[0]!.workflowExecutionSignaledEventAttributes?.externalWorkflowExecution).toEqual(
      PARENT,
    );
  });

  it('does not reach a closed run, nor a run that is not the child when only a child may be signalled', () => {
    expect(deliverExternalSignal(mutationOf(runningState({ status: 'completed' })), signalTask(false))).toBe(
      false,
    );
    expect(deliverExternalSignal(mutationOf(runningState()), signalTask(true))).toBe(false);
  });

  it('records the outcome in the sender once: Signaled, or Failed with NOT_FOUND', () => {
    const pending = {
      7: {
        initiatedEventId: 7,
        workflowTaskCompletedEventId: 6,
        namespaceId: NAMESPACE_ID,
        namespace: 'default',
        workflowId: 'w',
      },
    };
    const outcome = (delivered: boolean) => ({
      ...base,
      kind: 'external-outcome' as const,
      initiatedEventId: 7,
      operation: 'signal' as const,
      external: { workflowId: 'w', runId: 'r' },
      delivered,
    });
    const signalled = mutationOf(runningState({ nextEventId: 8, pendingSignals: pending }));
    recordExternalOutcome(signalled, outcome(true));
    recordExternalOutcome(signalled, outcome(true));
    expect(signalled.events.map(typeName)).toEqual([
      'ExternalWorkflowExecutionSignaled',
      'WorkflowTaskScheduled',
    ]);
    const failed = mutationOf(runningState({ nextEventId: 8, pendingCancels: pending }));
    recordExternalOutcome(failed, { ...outcome(false), operation: 'cancel' });
    expect(failed.events[0]!.requestCancelExternalWorkflowExecutionFailedEventAttributes?.cause).toBe(
      temporal.api.enums.v1.CancelExternalWorkflowExecutionFailedCause
        .CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
    );
  });
});
