import { randomUUID } from 'node:crypto';
import { durationToMs, timestampToMs } from '@kairos/proto';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { failureDetail, grpcError } from '../support/grpc-error.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { echo, failWith, finishSignal, waitForFinish } from './workflows/basic.ts';

describe('StartWorkflowExecution', () => {
  const env = useEngineTestEnv();

  function rawStartRequest(workflowId: string, requestId: string) {
    return {
      namespace: env.namespace,
      workflowId,
      workflowType: { name: 'waitForFinish' },
      taskQueue: { name: env.taskQueue('raw-start') },
      requestId,
      identity: 'engine-test-client',
    };
  }

  it('answers a repeated request id with the run it already started', async () => {
    const workflowId = `same-request-${randomUUID()}`;
    const requestId = randomUUID();
    const first = await env.connection.workflowService.startWorkflowExecution(
      rawStartRequest(workflowId, requestId),
    );
    const second = await env.connection.workflowService.startWorkflowExecution(
      rawStartRequest(workflowId, requestId),
    );
    expect(first.runId).toMatch(/\S/);
    expect(second.runId).toBe(first.runId);

    const handle = env.client.workflow.getHandle(workflowId);
    expect(eventTypes((await handle.fetchHistory()).events)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
    ]);
    // A new request id for the same running workflow is a conflict, not a dedupe.
    const conflict = await grpcError(
      env.connection.workflowService.startWorkflowExecution(rawStartRequest(workflowId, randomUUID())),
    );
    expect(conflict.code).toBe(6); // ALREADY_EXISTS
    // SDKs other than TypeScript tell this conflict apart by the typed detail.
    expect(failureDetail(conflict)?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
    );
    await handle.terminate('test done');
  });

  describe('workflow id reuse policy, once the previous run closed', () => {
    async function completedRun(policyLabel: string) {
      const taskQueue = env.taskQueue(`reuse-${policyLabel}`);
      const workflowId = `reuse-${policyLabel}-${randomUUID()}`;
      const firstRunId = await env.runWorker({ taskQueue }, async () => {
        const first = await env.client.workflow.start(echo, { taskQueue, workflowId, args: ['first'] });
        expect(await first.result()).toBe('first');
        return first.firstExecutionRunId;
      });
      return { taskQueue, workflowId, firstRunId };
    }

    it('ALLOW_DUPLICATE starts a new run after a completed one', async () => {
      const { taskQueue, workflowId, firstRunId } = await completedRun('allow');
      const result = await env.runWorker({ taskQueue }, async () => {
        const second = await env.client.workflow.start(echo, {
          taskQueue,
          workflowId,
          args: ['second'],
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        });
        expect(second.firstExecutionRunId).not.toBe(firstRunId);
        return second.result();
      });
      expect(result).toBe('second');
    });

    it('ALLOW_DUPLICATE_FAILED_ONLY refuses after a completed run and allows after a failed one', async () => {
      const { taskQueue, workflowId } = await completedRun('failed-only');
      await expect(
        env.client.workflow.start(echo, {
          taskQueue,
          workflowId,
          args: ['again'],
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        }),
      ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);

      const failedId = `failed-only-after-failure-${randomUUID()}`;
      await env.runWorker({ taskQueue }, async () => {
        const failed = await env.client.workflow.start(failWith, {
          taskQueue,
          workflowId: failedId,
          args: ['first run fails'],
        });
        await expect(failed.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        const retry = await env.client.workflow.start(echo, {
          taskQueue,
          workflowId: failedId,
          args: ['after failure'],
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
        expect(retry.firstExecutionRunId).not.toBe(failed.firstExecutionRunId);
        expect(await retry.result()).toBe('after failure');
      });
    });

    it('REJECT_DUPLICATE refuses any new run', async () => {
      const { taskQueue, workflowId } = await completedRun('reject');
      const error = await env.client.workflow
        .start(echo, { taskQueue, workflowId, args: ['again'], workflowIdReusePolicy: 'REJECT_DUPLICATE' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      expect((error as WorkflowExecutionAlreadyStartedError).workflowId).toBe(workflowId);
    });
  });

  describe('a start for a workflow id that is running', () => {
    async function runningWorkflow(label: string) {
      const taskQueue = env.taskQueue(label);
      const workflowId = `${label}-${randomUUID()}`;
      const handle = await env.client.workflow.start(waitForFinish, { taskQueue, workflowId });
      return { taskQueue, workflowId, handle };
    }

    it('fails with WorkflowExecutionAlreadyStartedError under conflict policy FAIL', async () => {
      const { taskQueue, workflowId, handle } = await runningWorkflow('conflict-fail');
      await expect(
        env.client.workflow.start(waitForFinish, { taskQueue, workflowId, workflowIdConflictPolicy: 'FAIL' }),
      ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    });

    it('returns the running run under conflict policy USE_EXISTING', async () => {
      const { taskQueue, workflowId, handle } = await runningWorkflow('conflict-use-existing');
      const again = await env.client.workflow.start(waitForFinish, {
        taskQueue,
        workflowId,
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);
      expect(eventTypes((await handle.fetchHistory()).events)).toEqual([
        'WorkflowExecutionStarted',
        'WorkflowTaskScheduled',
      ]);
      await handle.terminate('test done');
    });

    it.each([
      ['reuse policy TERMINATE_IF_RUNNING', { workflowIdReusePolicy: 'TERMINATE_IF_RUNNING' as const }],
      ['conflict policy TERMINATE_EXISTING', { workflowIdConflictPolicy: 'TERMINATE_EXISTING' as const }],
    ])('terminates the running run and starts a new one under %s', async (_label, policy) => {
      const { taskQueue, workflowId, handle } = await runningWorkflow('terminate-running');
      const replacement = await env.client.workflow.start(waitForFinish, {
        taskQueue,
        workflowId,
        ...policy,
      });
      expect(replacement.firstExecutionRunId).not.toBe(handle.firstExecutionRunId);

      const old = env.client.workflow.getHandle(workflowId, handle.firstExecutionRunId);
      expect((await old.describe()).status.name).toBe('TERMINATED');
      expect(eventTypes((await old.fetchHistory()).events).at(-1)).toBe('WorkflowExecutionTerminated');
      expect((await replacement.describe()).status.name).toBe('RUNNING');
      await env.runWorker({ taskQueue }, async () => {
        await replacement.signal(finishSignal, 'replacement done');
        expect(await replacement.result()).toBe('replacement done');
      });
    });
  });

  it('delays the first workflow task by startDelay and records the backoff on WorkflowExecutionStarted', async () => {
    const taskQueue = env.taskQueue('start-delay');
    const delayMs = 1500;
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(echo, {
        taskQueue,
        workflowId: `start-delay-${randomUUID()}`,
        args: ['delayed'],
        startDelay: delayMs,
      });
      // While the delay runs, no workflow task exists, although a worker polls the queue.
      const early = await handle.fetchHistory();
      expect(eventTypes(early.events)).toEqual(['WorkflowExecutionStarted']);
      const started = onlyEventOfType(early.events, 'WorkflowExecutionStarted');
      expect(durationToMs(started.workflowExecutionStartedEventAttributes?.firstWorkflowTaskBackoff)).toBe(
        delayMs,
      );
      expect((await handle.describe()).status.name).toBe('RUNNING');

      expect(await handle.result()).toBe('delayed');
      const events = (await handle.fetchHistory()).events;
      const scheduled = onlyEventOfType(events, 'WorkflowTaskScheduled');
      const waited = timestampToMs(scheduled.eventTime)! - timestampToMs(started.eventTime)!;
      expect(waited).toBeGreaterThanOrEqual(delayMs - 50);
    });
  });
});
