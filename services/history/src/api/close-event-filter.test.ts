import { int64, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { mutationOf, runningState, typeName } from '../../tests/support/execution-fixture.ts';
import { closeEventForFilter } from './close-event-filter.ts';

const result = { payloads: [{ data: new TextEncoder().encode('"done"') }] };
const failure = { message: 'boom', applicationFailureInfo: { type: 'Flaky' } };

function closeEvent(
  build: (mutation: ReturnType<typeof mutationOf>) => temporal.api.history.v1.IHistoryEvent,
) {
  return build(mutationOf(runningState({ nextEventId: 5 })));
}

describe('closeEventForFilter', () => {
  it('shows a close that started another run as ContinuedAsNew naming it, as the reference server does', () => {
    const completed = closeEvent((mutation) =>
      mutation.append('workflowExecutionCompleted', {
        result,
        workflowTaskCompletedEventId: int64(4),
        newExecutionRunId: 'next-run',
      }),
    );
    const shown = closeEventForFilter(completed);
    expect(typeName(shown)).toBe('WorkflowExecutionContinuedAsNew');
    expect(shown.eventId).toEqual(completed.eventId);
    expect(shown.workflowExecutionContinuedAsNewEventAttributes).toEqual({
      newExecutionRunId: 'next-run',
      lastCompletionResult: result,
    });

    const failed = closeEvent((mutation) =>
      mutation.append('workflowExecutionFailed', { failure, newExecutionRunId: 'retry-run' }),
    );
    expect(closeEventForFilter(failed).workflowExecutionContinuedAsNewEventAttributes).toEqual({
      newExecutionRunId: 'retry-run',
      failure,
    });

    const timedOut = closeEvent((mutation) =>
      mutation.append('workflowExecutionTimedOut', { newExecutionRunId: 'retry-run' }),
    );
    expect(
      closeEventForFilter(timedOut).workflowExecutionContinuedAsNewEventAttributes?.failure,
    ).toMatchObject({
      message: 'workflow timeout',
      timeoutFailureInfo: { timeoutType: temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE },
    });
  });

  it('keeps a final close event as written', () => {
    const completed = closeEvent((mutation) => mutation.append('workflowExecutionCompleted', { result }));
    expect(closeEventForFilter(completed)).toBe(completed);
    const failed = closeEvent((mutation) =>
      mutation.append('workflowExecutionFailed', { failure, newExecutionRunId: '' }),
    );
    expect(closeEventForFilter(failed)).toBe(failed);
  });
});
