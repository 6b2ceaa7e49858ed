import { describe, expect, it } from 'vitest';
import { NOW, runningState } from '../../tests/support/execution-fixture.ts';
import { ExecutionMutation } from '../state/execution-mutation.ts';
import { visibilityChangesOfWrite, visibilityKeyOf } from './visibility-outbox.ts';

describe('visibilityChangesOfWrite', () => {
  it('sends a new run at version 1', () => {
    const mutation = new ExecutionMutation(runningState(), NOW);

    const queued = visibilityChangesOfWrite(3, undefined, mutation);

    expect(queued.map(({ shardId, change }) => [shardId, change.status, change.version])).toEqual([
      [3, 'Running', '1'],
    ]);
  });

  it('sends nothing for an update visibility does not show', () => {
    const mutation = new ExecutionMutation(runningState(), NOW);
    mutation.append('workflowExecutionSignaled', { signalName: 'poke' });

    expect(visibilityChangesOfWrite(0, 4, mutation)).toEqual([]);
  });

  it('sends a close at the version the update gives the row, with the final history length', () => {
    const mutation = new ExecutionMutation(runningState({ nextEventId: 5 }), NOW);
    mutation.append('workflowExecutionCompleted', {});
    mutation.state.status = 'completed';
    mutation.state.closeTimeMs = NOW;

    const [queued] = visibilityChangesOfWrite(0, 4, mutation);

    expect(queued?.change).toMatchObject({
      status: 'Completed',
      closeTimeMs: NOW,
      version: '5',
      historyLength: 5,
      historySizeBytes: mutation.state.historySizeBytes,
    });
  });

  it('sends the closed run and its successor (continue-as-new, retry, cron), the successor at version 1', () => {
    const mutation = new ExecutionMutation(runningState(), NOW);
    mutation.state.status = 'continued_as_new';
    mutation.state.closeTimeMs = NOW;
    mutation.successor = new ExecutionMutation(runningState({ runId: 'next-run' }), NOW);

    const queued = visibilityChangesOfWrite(1, 2, mutation);

    expect(queued.map(({ change }) => [change.runId, change.status, change.version])).toEqual([
      [mutation.state.runId, 'ContinuedAsNew', '3'],
      ['next-run', 'Running', '1'],
    ]);
  });

  it('keys changes by namespace and workflow id', () => {
    expect(visibilityKeyOf({ namespaceId: 'ns', workflowId: 'wf/1' })).toBe('ns/wf/1');
  });
});
