import { InvalidArgument } from '@kairos/errors';
import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { eventsToReapply, reapplyRules } from './reapply.ts';
import { checkFinishEventIdRange, eventsBeforeResetPoint } from './reset-point.ts';
import { SampleHistory } from './sample-history.ts';

const { ResetReapplyType, ResetReapplyExcludeType } = temporal.api.enums.v1;

describe('the reset point', () => {
  it('must lie after the first event and within the history', () => {
    expect(() => checkFinishEventIdRange(1, 10)).toThrow(/workflowTaskFinishEventId: must be > 1/);
    expect(() => checkFinishEventIdRange(10, 10)).toThrow(InvalidArgument);
    expect(() => checkFinishEventIdRange(9, 10)).not.toThrow();
  });

  it('must name a workflow task Completed, Failed, TimedOut or Started event', () => {
    const history = new SampleHistory();
    history.started();
    const completed = history.completedTask();
    const activity = history.activity(completed, 'a');
    expect(eventsBeforeResetPoint(history.events, completed)).toHaveLength(completed - 1);
    expect(eventsBeforeResetPoint(history.events, completed - 1)).toHaveLength(completed - 2);
    expect(() => eventsBeforeResetPoint(history.events, activity)).toThrow(
      /workflowTaskFinishEventId: event 5 is ActivityTaskScheduled/,
    );
    expect(() => eventsBeforeResetPoint(history.events, completed - 2)).toThrow(/WorkflowTaskScheduled/);
  });
});

describe('what a reset reapplies', () => {
  const history = new SampleHistory();
  history.started();
  history.completedTask();
  history.signal('one');
  history.add('markerRecorded', { markerName: 'm' });
  history.signal('two');

  it('reapplies signals by default and with ALL_ELIGIBLE or SIGNAL', () => {
    for (const type of [
      undefined,
      ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
      ResetReapplyType.RESET_REAPPLY_TYPE_SIGNAL,
    ]) {
      const names = eventsToReapply(history.events, reapplyRules(type, [])).map(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName,
      );
      expect(names).toEqual(['one', 'two']);
    }
  });

  it('reapplies nothing for NONE or when signals are excluded', () => {
    expect(
      eventsToReapply(history.events, reapplyRules(ResetReapplyType.RESET_REAPPLY_TYPE_NONE, [])),
    ).toEqual([]);
    const excluded = reapplyRules(undefined, [ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL]);
    expect(excluded).toEqual({ signals: false, updates: true });
    expect(eventsToReapply(history.events, excluded)).toEqual([]);
  });
});
