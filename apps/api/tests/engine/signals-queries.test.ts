import { randomUUID } from 'node:crypto';
import { QueryNotRegisteredError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import { finishSignal, phaseQuery, waitForFinish } from './workflows/basic.ts';
import { collectMarks, explodingQuery, markSignal, marksQuery } from './workflows/signals-queries.ts';

describe('signals and queries', () => {
  const env = useEngineTestEnv();

  it('delivers a signal with its argument and records WorkflowExecutionSignaled', async () => {
    const taskQueue = env.taskQueue('signal');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(waitForFinish, {
        taskQueue,
        workflowId: `signal-${randomUUID()}`,
      });
      await handle.signal(finishSignal, 'signalled value');
      expect(await handle.result()).toBe('signalled value');
      const signaled = onlyEventOfType(
        (await handle.fetchHistory()).events,
        'WorkflowExecutionSignaled',
      ).workflowExecutionSignaledEventAttributes!;
      expect(signaled.signalName).toBe('finish');
      expect(decodePayloads(signaled.input)).toEqual(['signalled value']);
    });
  });

  it('starts a workflow and delivers its first signal in one call with signalWithStart', async () => {
    const taskQueue = env.taskQueue('signal-with-start');
    const workflowId = `signal-with-start-${randomUUID()}`;
    const handle = await env.client.workflow.signalWithStart(waitForFinish, {
      taskQueue,
      workflowId,
      signal: finishSignal,
      signalArgs: ['delivered with start'],
    });
    const events = (await handle.fetchHistory()).events;
    expect(
      onlyEventOfType(events, 'WorkflowExecutionSignaled').workflowExecutionSignaledEventAttributes
        ?.signalName,
    ).toBe('finish');
    await env.runWorker({ taskQueue }, async () => {
      expect(await handle.result()).toBe('delivered with start');
    });
  });

  it('loses none of many signals sent while workflow tasks are running', async () => {
    const taskQueue = env.taskQueue('signal-burst');
    const count = 20;
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(collectMarks, {
        taskQueue,
        workflowId: `signal-burst-${randomUUID()}`,
        args: [count],
      });
      const marks = Array.from({ length: count }, (_, index) => index);
      await Promise.all(marks.map((mark) => handle.signal(markSignal, mark)));
      const received = await handle.result();
      expect([...received].sort((a, b) => a - b)).toEqual(marks);
      expect(eventsOfType((await handle.fetchHistory()).events, 'WorkflowExecutionSignaled')).toHaveLength(
        count,
      );
    });
  });

  describe('queries', () => {
    it('answers a query on a running workflow from the worker, without writing history', async () => {
      const taskQueue = env.taskQueue('query-running');
      await env.runWorker({ taskQueue }, async () => {
        const handle = await env.client.workflow.start(collectMarks, {
          taskQueue,
          workflowId: `query-running-${randomUUID()}`,
          args: [10],
        });
        await handle.signal(markSignal, 7);
        await handle.signal(markSignal, 8);
        expect(
          await waitUntil('both marks', async () => {
            const marks = await handle.query(marksQuery);
            return marks.length === 2 ? marks : undefined;
          }),
        ).toEqual([7, 8]);
        const lengthBefore = (await handle.describe()).historyLength;
        expect(await handle.query(marksQuery)).toEqual([7, 8]);
        expect((await handle.describe()).historyLength).toBe(lengthBefore);
        expect((await handle.describe()).status.name).toBe('RUNNING');
        await handle.terminate('test done');
      });
    });

    it('answers a query on a completed workflow by replaying its history', async () => {
      const taskQueue = env.taskQueue('query-completed');
      await env.runWorker({ taskQueue }, async () => {
        const handle = await env.client.workflow.start(waitForFinish, {
          taskQueue,
          workflowId: `query-completed-${randomUUID()}`,
        });
        await handle.signal(finishSignal, 'done');
        await handle.result();
        expect(await handle.query(phaseQuery)).toBe('finished');
      });
    });

    it('rejects a query type the workflow does not handle, naming it', async () => {
      const taskQueue = env.taskQueue('query-unknown');
      await env.runWorker({ taskQueue }, async () => {
        const handle = await env.client.workflow.start(waitForFinish, {
          taskQueue,
          workflowId: `query-unknown-${randomUUID()}`,
        });
        const error = await handle.query('noSuchQuery').catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(QueryNotRegisteredError);
        expect((error as QueryNotRegisteredError).code).toBe(3); // INVALID_ARGUMENT
        expect((error as Error).message).toMatch(/noSuchQuery/);
        await handle.terminate('test done');
      });
    });

    it('fails a query whose handler throws, with the handler message', async () => {
      const taskQueue = env.taskQueue('query-throws');
      await env.runWorker({ taskQueue }, async () => {
        const handle = await env.client.workflow.start(collectMarks, {
          taskQueue,
          workflowId: `query-throws-${randomUUID()}`,
          args: [1],
        });
        const error = await handle.query(explodingQuery).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(QueryNotRegisteredError);
        expect((error as QueryNotRegisteredError).code).toBe(3); // INVALID_ARGUMENT
        expect((error as Error).message).toMatch(/query handler exploded on purpose/);
        // The workflow itself is unharmed.
        await handle.signal(markSignal, 1);
        expect(await handle.result()).toEqual([1]);
      });
    });
  });
});
