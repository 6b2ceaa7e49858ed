import { decodeVisibilityChange } from '@kairos/visibility';
import { describe, expect, it } from 'vitest';
import { NOW, runningState } from '../../tests/support/execution-fixture.ts';
import type { ExecutionStatusName } from '../state/mutable-state.ts';
import { changesVisibility, visibilityChangeOf } from './visibility-change-of.ts';

describe('visibilityChangeOf', () => {
  it('describes a running run: Temporal status name, history length, no close time, the given version', () => {
    const state = runningState({ nextEventId: 3, historySizeBytes: 412, stateTransitionCount: 2 });

    const change = visibilityChangeOf(state, 1, NOW);

    expect(change).toEqual({
      format: 1,
      namespaceId: state.namespaceId,
      workflowId: 'order-42',
      runId: state.runId,
      workflowType: 'ProcessOrder',
      status: 'Running',
      startTimeMs: state.startTimeMs,
      executionTimeMs: state.executionTimeMs,
      closeTimeMs: null,
      taskQueue: 'orders',
      historyLength: 2,
      historySizeBytes: 412,
      stateTransitionCount: 2,
      parentWorkflowId: null,
      parentRunId: null,
      rootWorkflowId: 'order-42',
      rootRunId: state.runId,
      memo: null,
      searchAttributes: null,
      version: '1',
      changedAtMs: NOW,
    });
  });

  it.each<[ExecutionStatusName, string]>([
    ['running', 'Running'],
    ['completed', 'Completed'],
    ['failed', 'Failed'],
    ['canceled', 'Canceled'],
    ['terminated', 'Terminated'],
    ['continued_as_new', 'ContinuedAsNew'],
    ['timed_out', 'TimedOut'],
  ])('names status %s as %s', (status, name) => {
    const closed = status === 'running' ? {} : { closeTimeMs: NOW - 5 };
    expect(visibilityChangeOf(runningState({ status, ...closed }), 7, NOW).status).toBe(name);
  });

  it('carries a closed run’s close time, memo and search attributes as encoded, and passes the indexer’s check', () => {
    const state = runningState({
      status: 'completed',
      closeTimeMs: NOW - 10,
      memo: 'CgsKA2tleRIEEgJ2YQ==',
      searchAttributes: 'ChAKBkN1c3RvbRIGEgQiYWIi',
    });

    const change = visibilityChangeOf(state, 12, NOW);

    expect(change).toMatchObject({
      closeTimeMs: NOW - 10,
      memo: state.memo,
      searchAttributes: state.searchAttributes,
    });
    expect(decodeVisibilityChange(JSON.stringify(change))).toEqual(change);
  });

  it('takes parent and root of a child run from its state', () => {
    const state = runningState({
      parent: {
        namespaceId: 'parent-ns-id',
        namespace: 'parent-ns',
        workflowId: 'parent',
        runId: 'parent-run',
        initiatedEventId: 5,
      },
      root: { workflowId: 'root', runId: 'root-run' },
    });

    expect(visibilityChangeOf(state, 1, NOW)).toMatchObject({
      parentWorkflowId: 'parent',
      parentRunId: 'parent-run',
      rootWorkflowId: 'root',
      rootRunId: 'root-run',
    });
  });
});

describe('changesVisibility', () => {
  const before = runningState({ nextEventId: 5, historySizeBytes: 500 });

  it('holds for a new run', () => {
    expect(changesVisibility(undefined, before)).toBe(true);
  });

  it('does not hold for a running run that only grew (an activity, a timer, a signal)', () => {
    expect(changesVisibility(before, { ...before, nextEventId: 9, historySizeBytes: 900 })).toBe(false);
  });

  it('holds for a status change (close, continue-as-new)', () => {
    expect(changesVisibility(before, { ...before, status: 'completed', closeTimeMs: NOW })).toBe(true);
    expect(changesVisibility(before, { ...before, status: 'continued_as_new', closeTimeMs: NOW })).toBe(true);
  });

  it('holds for upserted search attributes or memo', () => {
    expect(changesVisibility(before, { ...before, searchAttributes: 'AAAA' })).toBe(true);
    expect(changesVisibility(before, { ...before, memo: 'AAAA' })).toBe(true);
  });

  it('holds for a closed run whose history still grew, so the closed record has the final length', () => {
    const closed = { ...before, status: 'completed' as const, closeTimeMs: NOW };
    expect(changesVisibility(closed, { ...closed, nextEventId: 6, historySizeBytes: 560 })).toBe(true);
    expect(changesVisibility(closed, { ...closed })).toBe(false);
  });
});
