import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkStartTimerCommand } from './timer-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const seconds = (value: number, nanos = 0) => ({ seconds: Long.fromNumber(value), nanos });
const noTimers = { pendingTimerIds: new Set<string>() };

describe('checkStartTimerCommand', () => {
  const bad = (field: string, message: RegExp) => ({
    ok: false,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
    field,
    message: expect.stringMatching(message),
    terminatesWorkflow: false,
  });

  it('accepts a timer and reports its timeout in milliseconds', () => {
    expect(
      checkStartTimerCommand({ timerId: '1', startToFireTimeout: seconds(90, 500_000_000) }, noTimers),
    ).toEqual({
      ok: true,
      attributes: { timerId: '1', startToFireTimeoutMs: 90_500 },
    });
  });

  it('accepts a zero or missing timeout (the timer fires at once), as the reference server does', () => {
    expect(checkStartTimerCommand({ timerId: 't', startToFireTimeout: seconds(0) }, noTimers)).toMatchObject({
      ok: true,
      attributes: { startToFireTimeoutMs: 0 },
    });
    expect(checkStartTimerCommand({ timerId: 't' }, noTimers)).toMatchObject({
      ok: true,
      attributes: { startToFireTimeoutMs: 0 },
    });
  });

  it('refuses missing attributes, a missing or too long id, and a negative timeout', () => {
    expect(checkStartTimerCommand(null, noTimers)).toEqual(bad('startTimerCommandAttributes', /must be set/));
    expect(checkStartTimerCommand({ timerId: '', startToFireTimeout: seconds(1) }, noTimers)).toEqual(
      bad('startTimerCommandAttributes.timerId', /^startTimerCommandAttributes\.timerId: must be set$/),
    );
    expect(checkStartTimerCommand({ timerId: 'x'.repeat(1001) }, noTimers)).toEqual(
      bad('startTimerCommandAttributes.timerId', /at most 1000 bytes, got 1001/),
    );
    expect(checkStartTimerCommand({ timerId: 't', startToFireTimeout: seconds(-5) }, noTimers)).toEqual(
      bad('startTimerCommandAttributes.startToFireTimeout', /must not be negative/),
    );
    expect(
      checkStartTimerCommand({ timerId: 't', startToFireTimeout: seconds(0, -1) }, noTimers),
    ).toMatchObject({ ok: false });
  });

  it('fails the task with START_TIMER_DUPLICATE_ID when the id is pending', () => {
    expect(
      checkStartTimerCommand(
        { timerId: 't', startToFireTimeout: seconds(5) },
        { pendingTimerIds: new Set(['t']) },
      ),
    ).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID,
      field: 'startTimerCommandAttributes.timerId',
      message: 'startTimerCommandAttributes.timerId: a timer with id "t" is already pending',
      terminatesWorkflow: false,
    });
  });

  it('validates the attributes before looking for duplicates', () => {
    expect(
      checkStartTimerCommand(
        { timerId: 't', startToFireTimeout: seconds(-1) },
        { pendingTimerIds: new Set(['t']) },
      ),
    ).toMatchObject({
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
    });
  });
});
