import { DomainError } from '@kairos/errors';
import { int64ToNumber, msToDuration } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { STICKY_QUEUE, idsAndTypes } from '../../tests/support/execution-fixture.ts';
import { memoryEngine, pollWorkflowTask } from '../../tests/support/memory-engine.ts';
import { NAMESPACE, signal, startWorkflow } from '../../tests/support/workflow-driver.ts';
import { decodeTaskToken } from '../task-token.ts';

async function notFound(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError) || error.code !== 'NOT_FOUND')
    throw new Error(`expected NotFound, got ${String(error)}`);
  return error.message;
}

describe('recordWorkflowTaskStarted', () => {
  it('starts the task and hands the poller the whole history with a token naming the task', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);

    const poll = await pollWorkflowTask(engine, runId);

    expect(idsAndTypes(poll.history!.events!)).toEqual([
      [1, 'WorkflowExecutionStarted'],
      [2, 'WorkflowTaskScheduled'],
      [3, 'WorkflowTaskStarted'],
    ]);
    expect(int64ToNumber(poll.startedEventId)).toBe(3);
    expect(int64ToNumber(poll.previousStartedEventId)).toBe(0);
    expect(poll.attempt).toBe(1);
    expect(decodeTaskToken(poll.taskToken, 'workflow')).toMatchObject({
      runId,
      scheduledEventId: 2,
      startedEventId: 3,
      attempt: 1,
    });
  });

  it('answers a retried record call of the same poll with the same task, any other poll with NotFound', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    const task = engine.store.lastWorkflowTask(runId);
    const poller = {
      identity: 'w',
      pollRequestId: 'poll-a',
      taskQueue: 'orders',
      taskQueueKind: 'normal' as const,
    };

    const first = await engine.history.recordWorkflowTaskStarted(task, poller);
    const again = await engine.history.recordWorkflowTaskStarted(task, poller);

    expect(int64ToNumber(again.startedEventId)).toBe(int64ToNumber(first.startedEventId));
    expect(engine.store.historyOf(runId)).toHaveLength(3);
    expect(
      await notFound(engine.history.recordWorkflowTaskStarted(task, { ...poller, pollRequestId: 'poll-b' })),
    ).toBe('workflow task already started');
    expect(await notFound(engine.history.recordWorkflowTaskStarted({ ...task, attempt: 2 }, poller))).toBe(
      'workflow task not found',
    );
  });

  it('gives a sticky poller only the events after its last completed task', async () => {
    const engine = memoryEngine();
    const runId = await startWorkflow(engine.history);
    const first = await pollWorkflowTask(engine, runId);
    await engine.history.respondWorkflowTaskCompleted(NAMESPACE, {
      taskToken: first.taskToken,
      stickyAttributes: {
        workerTaskQueue: { name: STICKY_QUEUE },
        scheduleToStartTimeout: msToDuration(5_000),
      },
    });
    await signal(engine.history, runId, 'go');

    const sticky = await pollWorkflowTask(engine, runId, {
      taskQueue: STICKY_QUEUE,
      taskQueueKind: 'sticky',
    });

    expect(int64ToNumber(sticky.previousStartedEventId)).toBe(3);
    expect(idsAndTypes(sticky.history!.events!)).toEqual([
      [4, 'WorkflowTaskCompleted'],
      [5, 'WorkflowExecutionSignaled'],
      [6, 'WorkflowTaskScheduled'],
      [7, 'WorkflowTaskStarted'],
    ]);
    expect(engine.store.stateOf(runId).sticky?.taskQueue).toBe(STICKY_QUEUE);
  });
});
