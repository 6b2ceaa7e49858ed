import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkRequestCancelActivityCommand, type CancelActivityContext } from './cancel-activity-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const field = 'requestCancelActivityTaskCommandAttributes.scheduledEventId';

const context = (
  pending: Record<number, { cancelRequested: boolean }>,
  closedActivityIdsInBuffer?: Set<number>,
): CancelActivityContext => ({
  pendingActivity: (id) => pending[id],
  ...(closedActivityIdsInBuffer ? { closedActivityIdsInBuffer } : {}),
});
const bad = (message: RegExp, at = field) => ({
  ok: false,
  cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES,
  field: at,
  message: expect.stringMatching(message),
  terminatesWorkflow: false,
});

describe('checkRequestCancelActivityCommand', () => {
  it('cancels a pending activity', () => {
    expect(
      checkRequestCancelActivityCommand(
        { scheduledEventId: Long.fromNumber(5) },
        context({ 5: { cancelRequested: false } }),
      ),
    ).toEqual({ ok: true, attributes: { scheduledEventId: 5, state: 'pending' } });
  });

  it('reads the event id however the int64 arrived', () => {
    const pending = context({ 7: { cancelRequested: false } });
    expect(checkRequestCancelActivityCommand({ scheduledEventId: 7 as unknown as Long }, pending).ok).toBe(
      true,
    );
    expect(
      checkRequestCancelActivityCommand({ scheduledEventId: { low: 7, high: 0 } as unknown as Long }, pending)
        .ok,
    ).toBe(true);
  });

  it('accepts an activity whose closing event is still buffered', () => {
    expect(
      checkRequestCancelActivityCommand({ scheduledEventId: Long.fromNumber(9) }, context({}, new Set([9]))),
    ).toEqual({ ok: true, attributes: { scheduledEventId: 9, state: 'closed-buffered' } });
  });

  it('refuses an unknown activity', () => {
    expect(
      checkRequestCancelActivityCommand({ scheduledEventId: Long.fromNumber(99) }, context({}, new Set([9]))),
    ).toEqual(bad(/no pending activity was scheduled by event 99/));
  });

  it('refuses a second cancellation of the same activity', () => {
    expect(
      checkRequestCancelActivityCommand(
        { scheduledEventId: Long.fromNumber(5) },
        context({ 5: { cancelRequested: true } }),
      ),
    ).toEqual(bad(/already requested/));
  });

  it('refuses a missing or non-positive event id and missing attributes', () => {
    expect(checkRequestCancelActivityCommand({}, context({}))).toEqual(bad(/must be set/));
    expect(checkRequestCancelActivityCommand({ scheduledEventId: Long.fromNumber(-3) }, context({}))).toEqual(
      bad(/must be set/),
    );
    expect(checkRequestCancelActivityCommand(null, context({}))).toEqual(
      bad(
        /^requestCancelActivityTaskCommandAttributes: must be set$/,
        'requestCancelActivityTaskCommandAttributes',
      ),
    );
  });
});
