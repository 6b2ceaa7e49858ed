import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkHistoryLimits, suggestContinueAsNewReasons } from './history-limits.ts';

const Reason = temporal.api.enums.v1.SuggestContinueAsNewReason;
const mebibytes = (count: number) => count * 1024 * 1024;

describe('checkHistoryLimits', () => {
  it('lets a small history through without warnings', () => {
    expect(checkHistoryLimits({ historySizeBytes: 1000, eventCount: 10 }, true)).toEqual({
      terminate: false,
      warnings: [],
    });
  });

  it('warns above 10 MB or 10,240 events', () => {
    expect(checkHistoryLimits({ historySizeBytes: mebibytes(10), eventCount: 10_240 }, true)).toEqual({
      terminate: false,
      warnings: [],
    });
    expect(checkHistoryLimits({ historySizeBytes: mebibytes(10) + 1, eventCount: 10_241 }, true)).toEqual({
      terminate: false,
      warnings: ['size', 'count'],
    });
  });

  it('terminates a running execution above 50 MB or 51,200 events, size first', () => {
    expect(checkHistoryLimits({ historySizeBytes: mebibytes(50), eventCount: 51_200 }, true)).toMatchObject({
      terminate: false,
    });
    expect(checkHistoryLimits({ historySizeBytes: mebibytes(50) + 1, eventCount: 51_201 }, true)).toEqual({
      terminate: true,
      limit: 'size',
      reason: 'Workflow history size exceeds limit.',
    });
    expect(checkHistoryLimits({ historySizeBytes: 0, eventCount: 51_201 }, true)).toEqual({
      terminate: true,
      limit: 'count',
      reason: 'Workflow history count exceeds limit.',
    });
  });

  it('never terminates a closed execution, only warns', () => {
    expect(checkHistoryLimits({ historySizeBytes: mebibytes(60), eventCount: 60_000 }, false)).toEqual({
      terminate: false,
      warnings: ['size', 'count'],
    });
  });
});

describe('suggestContinueAsNewReasons', () => {
  it('suggests continue-as-new from 4 MB or 4,096 events on', () => {
    expect(
      suggestContinueAsNewReasons({ historySizeBytes: mebibytes(4) - 1, workflowTaskStartedEventId: 4095 }),
    ).toEqual([]);
    expect(
      suggestContinueAsNewReasons({ historySizeBytes: mebibytes(4), workflowTaskStartedEventId: 4096 }),
    ).toEqual([
      Reason.SUGGEST_CONTINUE_AS_NEW_REASON_HISTORY_SIZE_TOO_LARGE,
      Reason.SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS,
    ]);
  });
});
