import { randomUUID } from 'node:crypto';
import {
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  isGrpcServiceError,
} from '@temporalio/client';
import { WorkflowNotFoundError, defaultPayloadConverter } from '@temporalio/common';
import { int64ToNumber, temporal } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthApiUnderTest, type AuthApiUnderTest } from '../auth/support/auth-api-under-test.ts';
import { failureDetail, grpcError } from '../support/grpc-error.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventId, eventTypes, eventsOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import {
  addHandlerRunsQuery,
  addToTotalUpdate,
  finishTotalSignal,
  releaseUpdatesSignal,
  updatableTotal,
  waitForReleaseUpdate,
} from './workflows/updates.ts';

const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const { UpdateWorkflowExecutionLifecycleStage: Stage } = temporal.api.enums.v1;

describe('workflow updates', () => {
  const env = useEngineTestEnv();

  function startTotal(taskQueue: string, label: string) {
    return env.client.workflow.start(updatableTotal, {
      taskQueue,
      workflowId: `${label}-${randomUUID()}`,
      args: [0],
    });
  }

  function updateEvents(events: temporal.api.history.v1.IHistoryEvent[] | null | undefined) {
    return eventTypes(events).filter((type) => type.startsWith('WorkflowExecutionUpdate'));
  }

  it("answers executeUpdate with the handler's result and records Accepted then Completed", async () => {
    const taskQueue = env.taskQueue('update-execute');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-execute');
      expect(await handle.executeUpdate(addToTotalUpdate, { args: [5], updateId: 'add-five' })).toBe(5);
      expect(await handle.executeUpdate(addToTotalUpdate, { args: [2] })).toBe(7);
      await handle.signal(finishTotalSignal);
      expect(await handle.result()).toBe(7);

      const events = (await handle.fetchHistory()).events;
      const accepted = eventsOfType(events, 'WorkflowExecutionUpdateAccepted')[0]!;
      const completed = eventsOfType(events, 'WorkflowExecutionUpdateCompleted')[0]!;
      expect(updateEvents(events)).toEqual([
        'WorkflowExecutionUpdateAccepted',
        'WorkflowExecutionUpdateCompleted',
        'WorkflowExecutionUpdateAccepted',
        'WorkflowExecutionUpdateCompleted',
      ]);
      const acceptedAttributes = accepted.workflowExecutionUpdateAcceptedEventAttributes!;
      expect(acceptedAttributes.protocolInstanceId).toBe('add-five');
      expect(acceptedAttributes.acceptedRequest?.meta?.updateId).toBe('add-five');
      expect(acceptedAttributes.acceptedRequest?.input?.name).toBe('addToTotal');
      expect(decodePayloads(acceptedAttributes.acceptedRequest?.input?.args)).toEqual([5]);
      const completedAttributes = completed.workflowExecutionUpdateCompletedEventAttributes!;
      expect(completedAttributes.meta?.updateId).toBe('add-five');
      expect(int64ToNumber(completedAttributes.acceptedEventId)).toBe(eventId(accepted));
      expect(decodePayloads(completedAttributes.outcome?.success)).toEqual([5]);
      expect(eventId(completed)).toBeGreaterThan(eventId(accepted));
    });
  });

  it('throws WorkflowUpdateFailedError for a validator rejection, which leaves no trace in history', async () => {
    const taskQueue = env.taskQueue('update-reject');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-reject');
      // Idle once its first task completed: nothing else would write events.
      const before = await waitUntil('the first workflow task completed', async () => {
        const types = eventTypes((await handle.fetchHistory()).events);
        return types.includes('WorkflowTaskCompleted') ? types : undefined;
      });
      for (const amount of [-3, -4]) {
        const error = await handle
          .executeUpdate(addToTotalUpdate, { args: [amount] })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(String((error as WorkflowUpdateFailedError).cause?.message)).toMatch(
          new RegExp(`negative amount \\(${amount}\\)`),
        );
      }
      // As Temporal's speculative workflow task: not even the task that carried them is written.
      expect(eventTypes((await handle.fetchHistory()).events)).toEqual(before);
      expect(await handle.query(addHandlerRunsQuery)).toBe(0);
      // The worker rolled back cleanly: a valid update afterwards is accepted and completed.
      expect(await handle.executeUpdate(addToTotalUpdate, { args: [4] })).toBe(4);
      const rejected = await handle
        .executeUpdate(addToTotalUpdate, { args: [-1] })
        .catch((caught: unknown) => caught);
      expect(rejected).toBeInstanceOf(WorkflowUpdateFailedError);
      await handle.signal(finishTotalSignal);
      expect(await handle.result()).toBe(4);
      expect(updateEvents((await handle.fetchHistory()).events)).toEqual([
        'WorkflowExecutionUpdateAccepted',
        'WorkflowExecutionUpdateCompleted',
      ]);
    });
  });

  it('returns at ACCEPTED from startUpdate, then long-polls the outcome until a signal lets the handler finish', async () => {
    const taskQueue = env.taskQueue('update-accepted');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-accepted');
      const updateHandle = await handle.startUpdate(waitForReleaseUpdate, {
        args: ['first'],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      const afterAccept = (await handle.fetchHistory()).events;
      expect(updateEvents(afterAccept)).toEqual(['WorkflowExecutionUpdateAccepted']);
      // result() polls PollWorkflowExecutionUpdate; the outcome only exists after the signal.
      const result = updateHandle.result();
      const pending = await Promise.race([
        result,
        new Promise((resolve) => setTimeout(resolve, 300, 'pending')),
      ]);
      expect(pending).toBe('pending');
      await handle.signal(releaseUpdatesSignal);
      expect(await result).toBe('first released');
      // A handle made from the ids alone polls the same outcome.
      expect(await handle.getUpdateHandle<string>(updateHandle.updateId).result()).toBe('first released');
      await handle.signal(finishTotalSignal);
      await handle.result();
      expect(updateEvents((await handle.fetchHistory()).events)).toEqual([
        'WorkflowExecutionUpdateAccepted',
        'WorkflowExecutionUpdateCompleted',
      ]);
    });
  });

  it('runs an update id once: a second request with the same id gets the first outcome', async () => {
    const taskQueue = env.taskQueue('update-dedupe');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-dedupe');
      const updateId = `dedupe-${randomUUID()}`;
      expect(await handle.executeUpdate(addToTotalUpdate, { args: [10], updateId })).toBe(10);
      expect(await handle.executeUpdate(addToTotalUpdate, { args: [10], updateId })).toBe(10);
      // Concurrent duplicates of a new id too.
      const concurrentId = `dedupe-${randomUUID()}`;
      const both = await Promise.all([
        handle.executeUpdate(addToTotalUpdate, { args: [1], updateId: concurrentId }),
        handle.executeUpdate(addToTotalUpdate, { args: [1], updateId: concurrentId }),
      ]);
      expect(both).toEqual([11, 11]);
      expect(await handle.query(addHandlerRunsQuery)).toBe(2);
      await handle.signal(finishTotalSignal);
      expect(await handle.result()).toBe(11);
      const events = (await handle.fetchHistory()).events;
      expect(eventsOfType(events, 'WorkflowExecutionUpdateAccepted')).toHaveLength(2);
      // After the run closed, the completed update's outcome is still answered.
      expect(await handle.getUpdateHandle<number>(updateId).result()).toBe(10);
    });
  });

  it('refuses an update on a closed workflow with NOT_FOUND "workflow execution already completed"', async () => {
    const taskQueue = env.taskQueue('update-closed');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-closed');
      await handle.signal(finishTotalSignal);
      await handle.result();
      const error = await handle
        .executeUpdate(addToTotalUpdate, { args: [1] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WorkflowNotFoundError);
      expect((error as Error).message).toBe('workflow execution already completed');
      expect(updateEvents((await handle.fetchHistory()).events)).toEqual([]);
    });
  });

  it('starts the workflow with executeUpdateWithStart, then uses the running one', async () => {
    const taskQueue = env.taskQueue('update-with-start');
    const workflowId = `update-with-start-${randomUUID()}`;
    await env.runWorker({ taskQueue }, async () => {
      const operation = () =>
        new WithStartWorkflowOperation(updatableTotal, {
          workflowId,
          taskQueue,
          args: [100],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      const first = operation();
      expect(
        await env.client.workflow.executeUpdateWithStart(addToTotalUpdate, {
          args: [1],
          startWorkflowOperation: first,
        }),
      ).toBe(101);
      const firstRunId = (await (await first.workflowHandle()).describe()).runId;

      const second = operation();
      const updateHandle = await env.client.workflow.startUpdateWithStart(addToTotalUpdate, {
        args: [2],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
        startWorkflowOperation: second,
      });
      expect(await updateHandle.result()).toBe(103);
      const handle = await second.workflowHandle();
      expect((await handle.describe()).runId).toBe(firstRunId);
      expect(updateHandle.workflowRunId).toBe(firstRunId);

      await handle.signal(finishTotalSignal);
      expect(await handle.result()).toBe(103);
      const events = (await handle.fetchHistory()).events;
      expect(eventsOfType(events, 'WorkflowExecutionStarted')).toHaveLength(1);
      expect(eventsOfType(events, 'WorkflowExecutionUpdateCompleted')).toHaveLength(2);
    });
  });

  it('answers update-with-start on a running workflow under conflict policy FAIL with ALREADY_EXISTS in a MultiOperationExecutionFailure', async () => {
    const taskQueue = env.taskQueue('update-with-start-fail');
    const handle = await startTotal(taskQueue, 'update-with-start-fail');
    const raw = await grpcError(
      env.connection.workflowService.executeMultiOperation({
        namespace: env.namespace,
        operations: [
          {
            startWorkflow: {
              namespace: env.namespace,
              workflowId: handle.workflowId,
              workflowType: { name: 'updatableTotal' },
              taskQueue: { name: taskQueue },
              requestId: randomUUID(),
              workflowIdConflictPolicy:
                temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
            },
          },
          { updateWorkflow: rawUpdate(handle.workflowId) },
        ],
      }),
    );
    expect(raw.code).toBe(ALREADY_EXISTS);
    expect(raw.details).toBe('Update-with-Start could not be executed.');
    const detail = failureDetail(raw);
    expect(detail?.typeUrl).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.MultiOperationExecutionFailure',
    );
    const statuses = temporal.api.errordetails.v1.MultiOperationExecutionFailure.decode(
      detail!.value!,
    ).statuses;
    expect(statuses.map((status) => status.code)).toEqual([ALREADY_EXISTS, 10]);
    expect(statuses[0]!.message).toMatch(/already running/);
    expect(statuses[0]!.details?.[0]?.type_url).toBe(
      'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
    );
    expect(statuses[1]!.details?.[0]?.type_url).toBe(
      'type.googleapis.com/temporal.api.failure.v1.MultiOperationExecutionAborted',
    );
    await handle.terminate('test done');
  });

  it('delivers an update sent while no worker runs once a worker comes back', async () => {
    const taskQueue = env.taskQueue('update-no-worker');
    const handle = await startTotal(taskQueue, 'update-no-worker');
    const updateId = `while-down-${randomUUID()}`;
    const result = handle.executeUpdate(addToTotalUpdate, { args: [7], updateId });
    // Admitted, not yet accepted: PollWorkflowExecutionUpdate finds it at ADMITTED.
    const admitted = await waitUntil('the update admitted', () =>
      env.connection.workflowService
        .pollWorkflowExecutionUpdate({
          namespace: env.namespace,
          updateRef: { workflowExecution: { workflowId: handle.workflowId }, updateId },
          waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
        })
        .catch((error: unknown) => {
          if (isGrpcServiceError(error) && error.code === NOT_FOUND) return undefined;
          throw error;
        }),
    );
    expect(admitted.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED);
    expect(admitted.outcome).toBeFalsy();
    await env.runWorker({ taskQueue }, async () => {
      expect(await result).toBe(7);
      await handle.signal(finishTotalSignal);
      expect(await handle.result()).toBe(7);
    });
  });

  it('fails an accepted update when its workflow closes first, and refuses one still waiting for a worker', async () => {
    const taskQueue = env.taskQueue('update-closing');
    const accepted = await env.runWorker({ taskQueue }, async () => {
      const handle = await startTotal(taskQueue, 'update-closing');
      const updateHandle = await handle.startUpdate(waitForReleaseUpdate, {
        args: ['never'],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      await handle.terminate('closing with an update in flight');
      return updateHandle.result().catch((caught: unknown) => caught);
    });
    expect(accepted).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((accepted as WorkflowUpdateFailedError).cause?.message).toBe(
      'Workflow Update failed because the Workflow completed before the Update completed.',
    );

    const handle = await startTotal(taskQueue, 'update-closing-admitted');
    const updateId = `admitted-${randomUUID()}`;
    const waiting = handle
      .executeUpdate(addToTotalUpdate, { args: [1], updateId })
      .catch((caught: unknown) => caught);
    await waitUntil('the update admitted', () =>
      env.connection.workflowService
        .pollWorkflowExecutionUpdate({
          namespace: env.namespace,
          updateRef: { workflowExecution: { workflowId: handle.workflowId }, updateId },
          waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
        })
        .catch(() => undefined),
    );
    await handle.terminate('closing with an update admitted');
    const refused = await waiting;
    expect(refused).toBeInstanceOf(WorkflowNotFoundError);
    expect((refused as Error).message).toBe('workflow update was aborted by closing workflow');
    expect(updateEvents((await handle.fetchHistory()).events)).toEqual([]);
  });

  describe('malformed and unauthorised requests', () => {
    function rawUpdateRequest(workflowId: string, overrides: Record<string, unknown> = {}) {
      return { namespace: env.namespace, ...rawUpdate(workflowId), ...overrides };
    }

    it('refuses an update without a name, with INVALID_ARGUMENT naming the field', async () => {
      const base = rawUpdate(`malformed-${randomUUID()}`);
      const error = await grpcError(
        env.connection.workflowService.updateWorkflowExecution({
          namespace: env.namespace,
          ...base,
          request: { ...base.request, input: { name: '' } },
        }),
      );
      expect(error.code).toBe(INVALID_ARGUMENT);
      expect(error.details).toMatch(/Update name is not set on request\./);
      const noMeta = await grpcError(
        env.connection.workflowService.updateWorkflowExecution({
          namespace: env.namespace,
          ...base,
          request: { input: base.request.input },
        }),
      );
      expect(noMeta.code).toBe(INVALID_ARGUMENT);
      expect(noMeta.details).toMatch(/Update meta is not set on request\./);
    });

    it('gives an update without an id a fresh one, as Temporal does', async () => {
      const taskQueue = env.taskQueue('update-no-id');
      await env.runWorker({ taskQueue }, async () => {
        const handle = await startTotal(taskQueue, 'update-no-id');
        const request = rawUpdateRequest(handle.workflowId);
        const response = await env.connection.workflowService.updateWorkflowExecution({
          ...request,
          request: {
            meta: { updateId: '' },
            input: { name: 'addToTotal', args: { payloads: [defaultPayloadConverter.toPayload(3)] } },
          },
          waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
        });
        expect(response.updateRef?.updateId).toMatch(/^[0-9a-f-]{36}$/);
        expect(response.stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED);
        expect(decodePayloads(response.outcome?.success)).toEqual([3]);
        await handle.terminate('test done');
      });
    });

    it('refuses to wait for ADMITTED in UpdateWorkflowExecution, as Temporal does (PERMISSION_DENIED)', async () => {
      const error = await grpcError(
        env.connection.workflowService.updateWorkflowExecution({
          ...rawUpdateRequest(`admitted-${randomUUID()}`),
          waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
        }),
      );
      expect(error.code).toBe(PERMISSION_DENIED);
      expect(error.details).toBe(
        'UpdateWorkflowExecution issued asynchronously and waiting on update admitted is not supported.',
      );
    });

    it('refuses update arguments over the 2 MB payload limit with INVALID_ARGUMENT', async () => {
      const taskQueue = env.taskQueue('update-big');
      const handle = await startTotal(taskQueue, 'update-big');
      const request = rawUpdateRequest(handle.workflowId);
      const big = {
        metadata: { encoding: Buffer.from('binary/plain') },
        data: Buffer.alloc(2 * 1024 * 1024 + 1),
      };
      const error = await grpcError(
        env.connection.workflowService.updateWorkflowExecution({
          ...request,
          request: { ...request.request, input: { name: 'addToTotal', args: { payloads: [big] } } },
        }),
      );
      expect(error.code).toBe(INVALID_ARGUMENT);
      expect(error.details).toMatch(/request\.input\.args/);
      expect(error.details).toMatch(/size|limit/i);
      await handle.terminate('test done');
      expect(updateEvents((await handle.fetchHistory()).events)).toEqual([]);
    });

    it('refuses a malformed update-with-start, the failing operation named in MultiOperationExecutionFailure', async () => {
      const workflowId = `malformed-multi-${randomUUID()}`;
      const start = {
        namespace: env.namespace,
        workflowId,
        workflowType: { name: 'updatableTotal' },
        taskQueue: { name: env.taskQueue('malformed-multi') },
        workflowIdConflictPolicy:
          temporal.api.enums.v1.WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
      };
      const base = rawUpdate(workflowId);
      const cases = [
        { ...base, request: { ...base.request, input: { name: '' } } },
        { ...base, workflowExecution: { workflowId: 'another-workflow' } },
      ];
      for (const update of cases) {
        const error = await grpcError(
          env.connection.workflowService.executeMultiOperation({
            namespace: env.namespace,
            operations: [
              { startWorkflow: start },
              { updateWorkflow: { ...update, namespace: env.namespace } },
            ],
          }),
        );
        expect(error.code).toBe(INVALID_ARGUMENT);
        expect(error.details).toBe('Update-with-Start could not be executed.');
        const statuses = temporal.api.errordetails.v1.MultiOperationExecutionFailure.decode(
          failureDetail(error)!.value!,
        ).statuses;
        expect(statuses.map((status) => status.code)).toEqual([10, INVALID_ARGUMENT]);
        expect(statuses[1]!.message).toMatch(
          /Update name is not set on request|WorkflowId is not consistent/,
        );
      }
      const single = await grpcError(
        env.connection.workflowService.executeMultiOperation({
          namespace: env.namespace,
          operations: [{ startWorkflow: start }],
        }),
      );
      expect(single.code).toBe(INVALID_ARGUMENT);
      expect(single.details).toBe('Operations have to be exactly [Start, Update].');
      await expect(env.client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    });

    it('answers an unknown update id with NOT_FOUND', async () => {
      const taskQueue = env.taskQueue('update-unknown');
      const handle = await startTotal(taskQueue, 'update-unknown');
      const error = await grpcError(
        env.connection.workflowService.pollWorkflowExecutionUpdate({
          namespace: env.namespace,
          updateRef: { workflowExecution: { workflowId: handle.workflowId }, updateId: 'never-sent' },
          waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
        }),
      );
      expect(error.code).toBe(NOT_FOUND);
      expect(error.details).toBe('update "never-sent" not found');
      await handle.terminate('test done');
    });

    it('refuses another namespace: PERMISSION_DENIED to a key, NOT_FOUND without one', async () => {
      const namespace = `missing-${randomUUID().slice(0, 8)}`;
      const calls = [
        () => env.connection.workflowService.updateWorkflowExecution({ ...rawUpdate('any'), namespace }),
        () =>
          env.connection.workflowService.executeMultiOperation({
            namespace,
            operations: [
              {
                startWorkflow: {
                  namespace,
                  workflowId: 'any',
                  workflowType: { name: 'updatableTotal' },
                  taskQueue: { name: 'any' },
                },
              },
              { updateWorkflow: { ...rawUpdate('any'), namespace } },
            ],
          }),
      ];
      for (const call of calls) {
        const error = await grpcError(call());
        if (env.apiKey) {
          expect(error.code).toBe(PERMISSION_DENIED);
          expect(error.details).toBe(
            `Request unauthorized: this API key may not use namespace ${namespace}.`,
          );
        } else {
          expect(error.code).toBe(NOT_FOUND);
          expect(error.details).toContain(namespace);
        }
      }
    });
  });
});

describe('workflow update rpcs and API keys', () => {
  let server: AuthApiUnderTest;
  let readOnlyKey: string;
  let otherTenantKey: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('engine_updates_auth');
    const acme = await server.tenants.account('Acme');
    await server.tenants.namespace(acme, 'acme-prod');
    const globex = await server.tenants.account('Globex');
    await server.tenants.namespace(globex, 'globex-prod');
    readOnlyKey = (await server.tenants.key({ accountId: acme, role: 'read_only' })).key;
    otherTenantKey = (await server.tenants.key({ accountId: globex })).key;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses updates to a read_only key and to another tenant with PERMISSION_DENIED; polling is a read', async () => {
    const readOnly = server.connect(readOnlyKey).workflowService;
    const update = { ...rawUpdate('update-auth'), namespace: 'acme-prod' };
    const refused = await grpcError(readOnly.updateWorkflowExecution(update));
    expect(refused.code).toBe(PERMISSION_DENIED);
    expect(refused.details).toBe(
      'Request unauthorized: the read_only role may not call WorkflowService/UpdateWorkflowExecution.',
    );
    const multi = await grpcError(
      readOnly.executeMultiOperation({
        namespace: 'acme-prod',
        operations: [
          {
            startWorkflow: {
              namespace: 'acme-prod',
              workflowId: 'update-auth',
              workflowType: { name: 'updatableTotal' },
              taskQueue: { name: 'update-auth' },
            },
          },
          { updateWorkflow: update },
        ],
      }),
    );
    expect(multi.code).toBe(PERMISSION_DENIED);
    expect(multi.details).toMatch(/may not call WorkflowService\/ExecuteMultiOperation/);
    // A read: allowed, and the workflow does not exist.
    const poll = await grpcError(
      readOnly.pollWorkflowExecutionUpdate({
        namespace: 'acme-prod',
        updateRef: { workflowExecution: { workflowId: 'update-auth' }, updateId: 'any' },
      }),
    );
    expect(poll.code).toBe(NOT_FOUND);

    const otherTenant = server.connect(otherTenantKey).workflowService;
    const crossTenant = await grpcError(otherTenant.updateWorkflowExecution(update));
    expect(crossTenant.code).toBe(PERMISSION_DENIED);
    expect(crossTenant.details).toBe('Request unauthorized: this API key may not use namespace acme-prod.');
  });
});

/** An UpdateWorkflowExecution body (namespace left to the caller) adding 1 to the total. */
function rawUpdate(workflowId: string) {
  return {
    workflowExecution: { workflowId },
    waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED },
    request: {
      meta: { updateId: randomUUID(), identity: 'updates-test' },
      input: { name: 'addToTotal', args: { payloads: [] } },
    },
  };
}
