import { randomUUID } from 'node:crypto';
import { durationToMs, temporal, timestampToMs } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import {
  addSignal,
  continueElsewhere,
  countDownAsNew,
  sumSignalsAcrossRuns,
} from './workflows/run-chains.ts';

const { ContinueAsNewInitiator: Initiator } = temporal.api.enums.v1;

describe('continue-as-new', () => {
  const env = useEngineTestEnv();

  it('chains runs under one workflow id; result() follows the chain to the last run', async () => {
    const taskQueue = env.taskQueue('continue-as-new');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(countDownAsNew, {
        taskQueue,
        workflowId: `continue-as-new-${randomUUID()}`,
        args: [2],
        workflowExecutionTimeout: '1 hour',
        memo: { purpose: 'chain' },
      });
      const firstRunId = handle.firstExecutionRunId;

      const last = await handle.result();

      expect(last.seenRunIds).toHaveLength(3);
      expect(last.seenRunIds[0]).toBe(firstRunId);
      expect(new Set(last.seenRunIds).size).toBe(3);
      expect(last).toMatchObject({
        runId: last.seenRunIds[2],
        firstExecutionRunId: firstRunId,
        continuedFromExecutionRunId: last.seenRunIds[1],
        attempt: 1,
      });

      // The first run closed with ContinuedAsNew naming the second run.
      const firstHistory = await env.client.workflowService.getWorkflowExecutionHistory({
        namespace: env.namespace,
        execution: { workflowId: handle.workflowId, runId: firstRunId },
      });
      const firstEvents = firstHistory.history?.events ?? [];
      expect(eventTypes(firstEvents).at(-1)).toBe('WorkflowExecutionContinuedAsNew');
      const continued = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionContinuedAsNew',
      ).workflowExecutionContinuedAsNewEventAttributes!;
      expect(continued.newExecutionRunId).toBe(last.seenRunIds[1]);
      expect(continued.workflowType?.name).toBe('countDownAsNew');
      expect(continued.taskQueue?.name).toBe(taskQueue);
      expect(decodePayloads(continued.input)).toEqual([1, [firstRunId]]);

      // By workflow id alone, history and describe follow the current (last) run.
      const lastEvents = (await handle.fetchHistory()).events ?? [];
      const started = onlyEventOfType(
        lastEvents,
        'WorkflowExecutionStarted',
      ).workflowExecutionStartedEventAttributes!;
      expect(started).toMatchObject({
        continuedExecutionRunId: last.seenRunIds[1],
        firstExecutionRunId: firstRunId,
        originalExecutionRunId: last.seenRunIds[2],
        initiator: Initiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW,
        attempt: 1,
      });
      // The execution timeout spans the chain: the last run expires when the first one would have.
      const firstStarted = onlyEventOfType(
        firstEvents,
        'WorkflowExecutionStarted',
      ).workflowExecutionStartedEventAttributes!;
      expect(timestampToMs(started.workflowExecutionExpirationTime)).toBe(
        timestampToMs(firstStarted.workflowExecutionExpirationTime),
      );
      expect(durationToMs(started.workflowExecutionTimeout)).toBe(3_600_000);
      // Runs of a chain start at least a second apart (the reference server's continueAsNewMinInterval).
      expect(durationToMs(started.firstWorkflowTaskBackoff)).toBeGreaterThan(0);
      expect(
        decodePayloads(started.memo?.fields ? { payloads: [started.memo.fields.purpose!] } : null),
      ).toEqual(['chain']);

      const current = await handle.describe();
      expect(current.runId).toBe(last.seenRunIds[2]);
      expect(current.status.name).toBe('COMPLETED');
      expect(current.raw.workflowExecutionInfo?.firstRunId).toBe(firstRunId);
      const first = await env.client.workflow.getHandle(handle.workflowId, firstRunId).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      expect(first.raw.workflowExecutionInfo?.firstRunId).toBe(firstRunId);
    });
  });

  it('loses no signal while runs hand over: every run sees what arrived before it closed', async () => {
    const taskQueue = env.taskQueue('continue-as-new-signals');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(sumSignalsAcrossRuns, {
        taskQueue,
        workflowId: `continue-as-new-signals-${randomUUID()}`,
        args: [6, 2],
      });
      // 3 often lands while the first run's closing task is in flight: its close must wait for it.
      await Promise.all([1, 2, 3].map((value) => handle.signal(addSignal, value)));
      await waitUntil('the first run to continue as new', async () => {
        return (await handle.describe()).runId !== handle.firstExecutionRunId;
      });
      for (const value of [4, 5, 6]) await handle.signal(addSignal, value);

      expect(await handle.result()).toBe(21);
      const firstHistory = await env.client.workflowService.getWorkflowExecutionHistory({
        namespace: env.namespace,
        execution: { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
      });
      expect(eventTypes(firstHistory.history?.events).at(-1)).toBe('WorkflowExecutionContinuedAsNew');
    });
  });

  it('continues as another workflow type on another task queue', async () => {
    const taskQueue = env.taskQueue('continue-as-new-from');
    const otherQueue = env.taskQueue('continue-as-new-to');
    await env.runWorker({ taskQueue }, () =>
      env.runWorker({ taskQueue: otherQueue }, async () => {
        const handle = await env.client.workflow.start(continueElsewhere, {
          taskQueue,
          workflowId: `continue-as-new-elsewhere-${randomUUID()}`,
          args: [otherQueue],
        });
        expect(await handle.result()).toBe(`reportQueue on ${otherQueue}`);
        expect((await handle.describe()).taskQueue).toBe(otherQueue);
      }),
    );
  });
});
