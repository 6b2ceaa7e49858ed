import { msToTimestamp, temporal } from '@kairos/proto';
import { compileListFilter } from '@kairos/visibility';
import { describe, expect, it } from 'vitest';
import { typedFilterQuery } from './typed-list-filter.ts';

const Status = temporal.api.enums.v1.WorkflowExecutionStatus;
const at = (iso: string) => msToTimestamp(Date.parse(iso));

describe('typedFilterQuery', () => {
  it('turns ListOpen filters into a filter on Running runs and StartTime', () => {
    expect(typedFilterQuery('open', {})).toBe(`ExecutionStatus = 'Running'`);
    expect(
      typedFilterQuery('open', {
        startTimeFilter: { earliestTime: at('2024-01-01T00:00:00Z'), latestTime: at('2024-02-01T00:00:00Z') },
        typeFilter: { name: "it's" },
      }),
    ).toBe(
      `ExecutionStatus = 'Running' AND StartTime >= '2024-01-01T00:00:00.000Z' AND ` +
        `StartTime <= '2024-02-01T00:00:00.000Z' AND WorkflowType = 'it''s'`,
    );
  });

  it('turns ListClosed filters into a filter on closed runs, applying the window to CloseTime', () => {
    expect(typedFilterQuery('closed', { executionFilter: { workflowId: 'a', runId: 'b' } })).toBe(
      `ExecutionStatus != 'Running' AND WorkflowId = 'a' AND RunId = 'b'`,
    );
    expect(
      typedFilterQuery('closed', {
        startTimeFilter: { earliestTime: at('2024-01-01T00:00:00Z') },
        statusFilter: { status: Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT },
      }),
    ).toBe(`ExecutionStatus = 'TimedOut' AND CloseTime >= '2024-01-01T00:00:00.000Z'`);
  });

  it('produces filters the list language accepts', () => {
    const text = typedFilterQuery('closed', {
      startTimeFilter: { earliestTime: at('2024-01-01T00:00:00Z'), latestTime: at('2024-01-02T00:00:00Z') },
      typeFilter: { name: 'x\\y' },
      statusFilter: { status: Status.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW },
    });
    expect(() => compileListFilter(text, { customAttributes: {}, purpose: 'list' })).not.toThrow();
  });

  it('refuses a Running or unspecified status and an inverted window', () => {
    for (const status of [
      Status.WORKFLOW_EXECUTION_STATUS_RUNNING,
      Status.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED,
    ]) {
      expect(() => typedFilterQuery('closed', { statusFilter: { status } })).toThrow(
        /^statusFilter\.status: must be a closed status/,
      );
    }
    expect(() =>
      typedFilterQuery('open', {
        startTimeFilter: { earliestTime: at('2024-02-01T00:00:00Z'), latestTime: at('2024-01-01T00:00:00Z') },
      }),
    ).toThrow(/^startTimeFilter: earliestTime must not be later than latestTime$/);
  });
});
