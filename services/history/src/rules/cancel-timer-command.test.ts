import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkCancelTimerCommand } from './cancel-timer-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const noTimers = { pendingTimerIds: new Set<string>() };

describe('checkCancelTimerCommand', () => {
  const bad = (message: RegExp) => ({
    ok: false,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES,
    field: expect.stringMatching(/^cancelTimerCommandAttributes/),
    message: expect.stringMatching(message),
    terminatesWorkflow: false,
  });

  it('cancels a pending timer', () => {
    expect(checkCancelTimerCommand({ timerId: 't' }, { pendingTimerIds: new Set(['t']) })).toEqual({
      ok: true,
      attributes: { timerId: 't', state: 'pending' },
    });
  });

  it('cancels a timer whose TimerFired event is still buffered', () => {
    expect(
      checkCancelTimerCommand(
        { timerId: 't' },
        { pendingTimerIds: new Set(), firedTimerIdsInBuffer: new Set(['t']) },
      ),
    ).toEqual({ ok: true, attributes: { timerId: 't', state: 'fired-buffered' } });
  });

  it('refuses an unknown timer, a missing or too long id and missing attributes', () => {
    expect(checkCancelTimerCommand({ timerId: 'nope' }, { pendingTimerIds: new Set(['t']) })).toEqual(
      bad(/^cancelTimerCommandAttributes\.timerId: no pending timer has id "nope"$/),
    );
    expect(checkCancelTimerCommand({ timerId: '' }, noTimers)).toEqual(bad(/timerId: must be set/));
    expect(checkCancelTimerCommand({ timerId: 't'.repeat(1001) }, noTimers)).toEqual(
      bad(/at most 1000 bytes/),
    );
    expect(checkCancelTimerCommand(undefined, noTimers)).toEqual(
      bad(/^cancelTimerCommandAttributes: must be set$/),
    );
  });
});
