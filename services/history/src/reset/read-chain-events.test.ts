import { int64ToNumber, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import type { ExecutionStore, StoredExecution } from '../persistence/execution-store.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { reapplyRules } from './reapply.ts';
import { readEventsAfterResetPoint } from './read-chain-events.ts';
import { SampleHistory } from './sample-history.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;

function runState(runId: string, nextEventId: number): MutableState {
  return { runId, nextEventId, status: 'running' } as MutableState;
}

/** Just the two reads the collector does, over in-memory histories. */
function storeOf(histories: Record<string, IHistoryEvent[]>): Pick<ExecutionStore, 'readEvents' | 'load'> {
  return {
    async readEvents(runId, fromEventId, toEventId) {
      return (histories[runId] ?? []).filter((event) => {
        const id = int64ToNumber(event.eventId);
        return id >= fromEventId && id < toEventId;
      });
    },
    async load(_namespaceId, _workflowId, runId): Promise<StoredExecution | undefined> {
      const events = histories[runId];
      return events && { state: runState(runId, events.length + 1), dbVersion: 1, shardId: 0 };
    },
  };
}

describe('collecting the signals a reset reapplies', () => {
  it('reads the base run from the point, then the runs it continued as new into, then the current run’s last write', async () => {
    const base = new SampleHistory();
    base.started();
    base.signal('base-before-point');
    const point = base.completedTask();
    base.signal('base-after-point');
    base.completedTask();
    base.add('workflowExecutionContinuedAsNew', { newExecutionRunId: 'next-run' });
    const next = new SampleHistory();
    next.started();
    next.signal('next');
    const current = new ExecutionMutation(runState('next-run', next.events.length + 1), 0);
    current.append('workflowExecutionSignaled', { signalName: 'flushed-by-termination' });

    const events = await readEventsAfterResetPoint(
      storeOf({ 'base-run': base.events, 'next-run': next.events }),
      {
        namespaceId: 'ns-1',
        workflowId: 'order-1',
        base: runState('base-run', base.events.length + 1),
        finishEventId: point,
        current,
        rules: reapplyRules(undefined, []),
      },
    );

    expect(events.map((event) => event.workflowExecutionSignaledEventAttributes?.signalName)).toEqual([
      'base-after-point',
      'next',
      'flushed-by-termination',
    ]);
  });

  it('leaves out the current run’s write when the walk did not reach it (a closed base, another current run)', async () => {
    const base = new SampleHistory();
    base.started();
    const point = base.completedTask();
    base.signal('late');
    const current = new ExecutionMutation(runState('other-run', 10), 0);
    current.append('workflowExecutionSignaled', { signalName: 'not-part-of-the-chain' });

    const events = await readEventsAfterResetPoint(storeOf({ 'base-run': base.events }), {
      namespaceId: 'ns-1',
      workflowId: 'order-1',
      base: runState('base-run', base.events.length + 1),
      finishEventId: point,
      current,
      rules: reapplyRules(undefined, []),
    });

    expect(events.map((event) => event.workflowExecutionSignaledEventAttributes?.signalName)).toEqual([
      'late',
    ]);
  });
});
