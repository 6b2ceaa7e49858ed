import { randomUUID } from 'node:crypto';
import { CompleteAsyncError, Context } from '@temporalio/activity';
import { ActivityNotFoundError, Client, ServiceError, isGrpcServiceError } from '@temporalio/client';
import { NamespaceNotFoundError, WorkflowNotFoundError } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { failureDetail, grpcError } from '../support/grpc-error.ts';
import { deferred } from './support/deferred.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes } from './support/history-events.ts';
import { waitForFinish } from './workflows/basic.ts';
import { twoStepsAroundSignal } from './workflows/replay.ts';

const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;

describe('errors the engine answers', () => {
  const env = useEngineTestEnv();

  function startRequest(overrides: Record<string, unknown> = {}) {
    return {
      namespace: env.namespace,
      workflowId: `errors-${randomUUID()}`,
      workflowType: { name: 'waitForFinish' },
      taskQueue: { name: env.taskQueue('errors') },
      requestId: randomUUID(),
      ...overrides,
    };
  }

  it('refuses a start without a workflow id with INVALID_ARGUMENT naming the field', async () => {
    const error = await grpcError(
      env.connection.workflowService.startWorkflowExecution(startRequest({ workflowId: '' })),
    );
    expect(error.code).toBe(INVALID_ARGUMENT);
    expect(error.details).toMatch(/workflow[ _]?id/i);
  });

  it('answers an unknown namespace with NOT_FOUND (NamespaceNotFoundError), or PERMISSION_DENIED to a key', async () => {
    const namespace = `missing-${randomUUID().slice(0, 8)}`;
    const raw = await grpcError(
      env.connection.workflowService.startWorkflowExecution(startRequest({ namespace })),
    );
    if (env.apiKey) {
      // Cluster mode runs with an API key: an unknown namespace is refused exactly like another
      // tenant's, so a key cannot probe which names exist.
      expect(raw.code).toBe(PERMISSION_DENIED);
      expect(raw.details).toBe(`Request unauthorized: this API key may not use namespace ${namespace}.`);
      return;
    }
    expect(raw.code).toBe(NOT_FOUND);
    expect(raw.details).toContain(namespace);
    // The SDK builds NamespaceNotFoundError from this typed detail, not from the status code.
    expect(failureDetail(raw)?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.NamespaceNotFoundFailure',
    );

    const client = new Client({ connection: env.connection, namespace });
    const error = await client.workflow
      .start(waitForFinish, { taskQueue: env.taskQueue('errors'), workflowId: `errors-${randomUUID()}` })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NamespaceNotFoundError);
    expect((error as NamespaceNotFoundError).namespace).toBe(namespace);
  });

  it('refuses a workflow input over the 2 MB payload limit with INVALID_ARGUMENT and starts nothing', async () => {
    const workflowId = `errors-big-input-${randomUUID()}`;
    const error = await env.client.workflow
      .start('waitForFinish', {
        taskQueue: env.taskQueue('errors'),
        workflowId,
        args: ['x'.repeat(2 * 1024 * 1024 + 1)],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    const cause = (error as ServiceError).cause;
    if (!isGrpcServiceError(cause)) throw error;
    expect(cause.code).toBe(INVALID_ARGUMENT);
    // The reference server says "Blob data size exceeds limit."
    expect(cause.details).toMatch(/size|limit/i);
    await expect(env.client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('answers signal, describe, terminate and history for an unknown workflow id with WorkflowNotFoundError', async () => {
    const workflowId = `never-started-${randomUUID()}`;
    const handle = env.client.workflow.getHandle(workflowId);
    const calls = [
      () => handle.signal('anything'),
      () => handle.describe(),
      () => handle.terminate('nothing to terminate'),
      () => handle.cancel(),
    ];
    for (const call of calls) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowNotFoundError);
      expect((error as WorkflowNotFoundError).workflowId).toBe(workflowId);
    }
    const execution = { workflowId };
    const rawCalls = [
      () => env.connection.workflowService.describeWorkflowExecution({ namespace: env.namespace, execution }),
      () =>
        env.connection.workflowService.getWorkflowExecutionHistory({ namespace: env.namespace, execution }),
      () =>
        env.connection.workflowService.queryWorkflow({
          namespace: env.namespace,
          execution,
          query: { queryType: 'phase' },
        }),
    ];
    for (const call of rawCalls) {
      const raw = await grpcError(call());
      expect(raw.code).toBe(NOT_FOUND);
      expect(raw.details).toContain(workflowId);
      expect(failureDetail(raw)?.typeUrl).toBe(
        'type.googleapis.com/temporal.api.errordetails.v1.NotFoundFailure',
      );
    }
  });

  it('answers a known workflow id with an unknown run id with WorkflowNotFoundError', async () => {
    const workflowId = `errors-wrong-run-${randomUUID()}`;
    const running = await env.client.workflow.start(waitForFinish, {
      taskQueue: env.taskQueue('errors'),
      workflowId,
    });
    const wrongRun = env.client.workflow.getHandle(workflowId, randomUUID());
    await expect(wrongRun.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(wrongRun.signal('finish', 'wrong run')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    // The real run was not touched.
    expect(eventTypes((await running.fetchHistory()).events)).not.toContain('WorkflowExecutionSignaled');
    await running.terminate('test done');
  });

  describe('task tokens', () => {
    it('refuses a garbage task token on RespondWorkflowTaskCompleted and RespondActivityTaskCompleted', async () => {
      const taskToken = Buffer.from('not a task token');
      const workflowTask = await grpcError(
        env.connection.workflowService.respondWorkflowTaskCompleted({
          namespace: env.namespace,
          taskToken,
          identity: 'engine-test',
        }),
      );
      expect(workflowTask.code).toBe(INVALID_ARGUMENT);
      expect(workflowTask.details).toMatch(/task ?token/i);

      const activityTask = await grpcError(
        env.connection.workflowService.respondActivityTaskCompleted({
          namespace: env.namespace,
          taskToken,
          identity: 'engine-test',
        }),
      );
      expect(activityTask.code).toBe(INVALID_ARGUMENT);
      expect(activityTask.details).toMatch(/task ?token/i);
    });

    it('answers a second completion of the same workflow task with NOT_FOUND', async () => {
      const taskQueue = env.taskQueue('errors-stale-workflow-task');
      const handle = await env.client.workflow.start(waitForFinish, {
        taskQueue,
        workflowId: `errors-stale-workflow-task-${randomUUID()}`,
      });
      // Long polls need a deadline (servers refuse polls without one).
      const poll = await env.connection.withDeadline(Date.now() + 10_000, () =>
        env.connection.workflowService.pollWorkflowTaskQueue({
          namespace: env.namespace,
          taskQueue: { name: taskQueue },
          identity: 'engine-test-raw-worker',
        }),
      );
      expect(poll.taskToken?.length).toBeGreaterThan(0);
      const completion = {
        namespace: env.namespace,
        taskToken: poll.taskToken,
        identity: 'engine-test-raw-worker',
      };
      await env.connection.workflowService.respondWorkflowTaskCompleted(completion);
      const stale = await grpcError(env.connection.workflowService.respondWorkflowTaskCompleted(completion));
      expect(stale.code).toBe(NOT_FOUND);
      expect(eventTypes((await handle.fetchHistory()).events)).toEqual([
        'WorkflowExecutionStarted',
        'WorkflowTaskScheduled',
        'WorkflowTaskStarted',
        'WorkflowTaskCompleted',
      ]);
      await handle.terminate('test done');
    });

    it('answers a second completion of the same activity task with NOT_FOUND', async () => {
      const taskQueue = env.taskQueue('errors-stale-activity-task');
      const token = deferred<Uint8Array>();
      const activities = {
        async stepA() {
          token.resolve(Context.current().info.taskToken);
          throw new CompleteAsyncError();
        },
        async stepB() {
          return 'unused';
        },
      };
      await env.runWorker({ taskQueue, activities }, async () => {
        const handle = await env.client.workflow.start(twoStepsAroundSignal, {
          taskQueue,
          workflowId: `errors-stale-activity-task-${randomUUID()}`,
        });
        const taskToken = await token.promise;
        const result = env.client.options.loadedDataConverter.payloadConverter.toPayload('A by hand');
        const completion = {
          namespace: env.namespace,
          taskToken,
          identity: 'engine-test-completer',
          result: { payloads: [result] },
        };
        await env.connection.workflowService.respondActivityTaskCompleted(completion);
        // The workflow is still running (it waits for a signal); only the activity is gone.
        const stale = await grpcError(
          env.connection.workflowService.respondActivityTaskCompleted(completion),
        );
        expect(stale.code).toBe(NOT_FOUND);
        await expect(env.client.activity.complete(taskToken, 'again')).rejects.toBeInstanceOf(
          ActivityNotFoundError,
        );
        expect((await handle.describe()).status.name).toBe('RUNNING');
        await handle.terminate('test done');
      });
    });
  });
});
