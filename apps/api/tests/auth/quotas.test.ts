import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import type { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureDetail } from '../support/grpc-error.ts';
import { startAuthApiUnderTest, type AuthApiUnderTest } from './support/auth-api-under-test.ts';

const RESOURCE_EXHAUSTED = 8;
const { ResourceExhaustedCause, ResourceExhaustedScope } = temporal.api.enums.v1;

type Outcome = 'ok' | { code: number; details: string; cause?: number; scope?: number };

/** The call's outcome, with the ResourceExhaustedFailure decoded when the server sent one. */
async function outcome(call: Promise<unknown>): Promise<Outcome> {
  return call.then(
    () => 'ok' as const,
    (error: { code: number; details: string; metadata: { get(key: string): unknown[] } }) => {
      const detail = failureDetail(error);
      if (!detail?.typeUrl?.endsWith('ResourceExhaustedFailure'))
        return { code: error.code, details: error.details };
      const decoded = temporal.api.errordetails.v1.ResourceExhaustedFailure.decode(detail.value!);
      return { code: error.code, details: error.details, cause: decoded.cause, scope: decoded.scope };
    },
  );
}

describe('namespace quotas (RESOURCE_EXHAUSTED with ResourceExhaustedFailure, SDK retries off)', () => {
  let server: AuthApiUnderTest;
  let accountId: string;
  let key: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('auth_quotas', { longPollMs: 20_000 });
    accountId = await server.tenants.account('Quota Co');
    key = (await server.tenants.key({ accountId })).key;
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A fresh namespace with these limits set before its first call. */
  async function namespaceWith(limits: Parameters<AuthApiUnderTest['tenants']['quota']>[1]) {
    const name = `q-${randomUUID().slice(0, 8)}`;
    const id = await server.tenants.namespace(accountId, name);
    await server.tenants.quota(id, limits);
    return { name, id, connection: server.connect(key) };
  }

  const start = (connection: Connection, namespace: string, workflowId = randomUUID()) =>
    connection.workflowService.startWorkflowExecution({
      namespace,
      workflowId,
      workflowType: { name: 'quotaWorkflow' },
      taskQueue: { name: 'quota-queue' },
      requestId: randomUUID(),
    });

  it('limits requests per second (RPS_LIMIT), keeping the last 20% for starts and signals', async () => {
    const { name, connection } = await namespaceWith({ requestsPerSecond: 5 });
    // Twenty at once: more than the bucket holds however slow the machine is.
    const describes = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(connection.workflowService.describeNamespace({ namespace: name })),
      ),
    );
    const refused = describes.filter((result) => result !== 'ok');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toEqual({
      code: RESOURCE_EXHAUSTED,
      details: `namespace rate limit exceeded: requestsPerSecond limit of 5 for namespace ${name}.`,
      cause: ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_RPS_LIMIT,
      scope: ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
    });
    // Describes were turned away while a token was left for a start.
    expect(await outcome(start(connection, name))).toBe('ok');
  });

  it('limits billable actions per second (APS_LIMIT)', async () => {
    const { name, connection } = await namespaceWith({ actionsPerSecond: 2, requestsPerSecond: 1_000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(start(connection, name))));
    const refused = results.filter((result) => result !== 'ok');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toEqual({
      code: RESOURCE_EXHAUSTED,
      details: `namespace action rate limit exceeded: actionsPerSecond limit of 2 for namespace ${name}.`,
      cause: ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_APS_LIMIT,
      scope: ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
    });
    // Non-billable calls still get through.
    expect(await outcome(connection.workflowService.describeNamespace({ namespace: name }))).toBe('ok');
  });

  it('limits concurrent pollers (CONCURRENT_LIMIT)', async () => {
    const { name, connection } = await namespaceWith({ maxConcurrentPollers: 2 });
    const abort = new AbortController();
    const poll = () =>
      outcome(
        connection.withAbortSignal(abort.signal, () =>
          connection.workflowService.pollWorkflowTaskQueue({
            namespace: name,
            taskQueue: { name: 'empty-queue' },
            identity: 'quota-test',
          }),
        ),
      );
    try {
      // Two polls park on the empty queue for the 20 s long poll; the third is refused at once.
      const first = await Promise.race([poll(), poll(), poll()]);
      expect(first).toEqual({
        code: RESOURCE_EXHAUSTED,
        details: `too many concurrent pollers: maxConcurrentPollers limit of 2 for namespace ${name}.`,
        cause: ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT,
        scope: ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
      });
    } finally {
      abort.abort();
    }
    // Once the parked polls are gone, polling works again: a poll is accepted and waits out its deadline.
    const DEADLINE_EXCEEDED = 4;
    await expect
      .poll(
        async () => {
          const result = await outcome(
            connection.withDeadline(Date.now() + 300, () =>
              connection.workflowService.pollWorkflowTaskQueue({
                namespace: name,
                taskQueue: { name: 'empty-queue' },
              }),
            ),
          );
          return result === 'ok' ? 'ok' : result.code;
        },
        { timeout: 5_000, interval: 50 },
      )
      .toBe(DEADLINE_EXCEEDED);
  });

  it('limits open workflows (CONCURRENT_LIMIT), counting them in history', async () => {
    const { name, connection } = await namespaceWith({ maxOpenWorkflows: 2 });
    expect(await outcome(start(connection, name))).toBe('ok');
    expect(await outcome(start(connection, name))).toBe('ok');
    expect(await outcome(start(connection, name))).toEqual({
      code: RESOURCE_EXHAUSTED,
      details: `too many open workflows: maxOpenWorkflows limit of 2 for namespace ${name}.`,
      cause: ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT,
      scope: ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE,
    });
    const signalWithStart = await outcome(
      connection.workflowService.signalWithStartWorkflowExecution({
        namespace: name,
        workflowId: randomUUID(),
        workflowType: { name: 'quotaWorkflow' },
        taskQueue: { name: 'quota-queue' },
        signalName: 'poke',
        requestId: randomUUID(),
      }),
    );
    expect(signalWithStart).toMatchObject({ code: RESOURCE_EXHAUSTED });
  });

  it('applies a quota change within seconds, and a return to the plan default', async () => {
    const { name, id, connection } = await namespaceWith({ requestsPerSecond: 1_000 });
    const describe = () => outcome(connection.workflowService.describeNamespace({ namespace: name }));
    expect(await describe()).toBe('ok');
    await server.tenants.quota(id, { requestsPerSecond: 1 });
    const changedAt = performance.now();
    let refused: Outcome = 'ok';
    while (refused === 'ok' && performance.now() - changedAt < 10_000) refused = await describe();
    const appliedMs = performance.now() - changedAt;
    expect(refused).toMatchObject({
      code: RESOURCE_EXHAUSTED,
      details: expect.stringContaining('limit of 1 '),
    });
    expect(appliedMs).toBeLessThan(5_000);

    await server.tenants.quota(id, { requestsPerSecond: null });
    // Back to the standard plan's 400/s: ten calls in a row go through within a few seconds.
    await expect
      .poll(
        async () => {
          const results = [];
          for (let index = 0; index < 10; index++) results.push(await describe());
          return results.every((result) => result === 'ok');
        },
        { timeout: 8_000, interval: 200 },
      )
      .toBe(true);
  });
});
