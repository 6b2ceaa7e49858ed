import { randomUUID } from 'node:crypto';
import { msToTimestamp, temporal } from '@kairos/proto';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineTestEnv } from '../engine/support/engine-test-env.ts';
import { waitUntil } from '../engine/support/wait-until.ts';
import { echo, failWith, waitForFinish } from '../engine/workflows/basic.ts';
import { grpcError } from '../support/grpc-error.ts';

// The official SDK's client.workflow.list() and count() over real workflows: started through the
// api, closed by a worker, indexed by history → bus → indexer → store (SQL embedded, OpenSearch in
// cluster mode), then searched by system and custom attributes. Runs in both vitest projects.

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;
const INVALID_ARGUMENT = 3;

const customer = defineSearchAttributeKey('VisCustomer', SearchAttributeType.KEYWORD);
const amount = defineSearchAttributeKey('VisAmount', SearchAttributeType.INT);
const dueAt = defineSearchAttributeKey('VisDueAt', SearchAttributeType.DATETIME);
const tags = defineSearchAttributeKey('VisTags', SearchAttributeType.KEYWORD_LIST);

/** Indexing is asynchronous (and OpenSearch refreshes each second): poll for what a query shows. */
const INDEXING_TIMEOUT_MS = 20_000;

describe('visibility through the SDK', () => {
  const env = useEngineTestEnv();

  beforeAll(async () => {
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace,
      searchAttributes: {
        VisCustomer: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        VisAmount: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        VisDueAt: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
        VisTags: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
      },
    });
  });

  async function listAll(query: string): Promise<WorkflowExecutionInfo[]> {
    const listed: WorkflowExecutionInfo[] = [];
    for await (const execution of env.client.workflow.list({ query })) listed.push(execution);
    return listed;
  }

  /** Starts one workflow per spec on `taskQueue`, each with all four custom attributes. */
  async function startRuns(taskQueue: string, specs: { n: number; kind: 'echo' | 'fail' | 'wait' }[]) {
    return Promise.all(
      specs.map(({ n, kind }) => {
        const options = {
          taskQueue,
          workflowId: `vis-${n}-${randomUUID()}`,
          typedSearchAttributes: [
            { key: customer, value: n % 2 === 0 ? 'even' : 'odd' },
            { key: amount, value: n * 10 },
            { key: dueAt, value: new Date(Date.UTC(2030, 0, n)) },
            { key: tags, value: [`tag-${n}`, 'all'] },
          ],
        };
        if (kind === 'echo') return env.client.workflow.start(echo, { ...options, args: [`run ${n}`] });
        if (kind === 'fail') return env.client.workflow.start(failWith, { ...options, args: ['on purpose'] });
        return env.client.workflow.start(waitForFinish, options);
      }),
    );
  }

  it('lists and counts workflows by system and custom attributes', async () => {
    const taskQueue = env.taskQueue('visibility-sdk');
    const startedAt = new Date();
    const handles = await env.runWorker({ taskQueue }, async () => {
      const started = await startRuns(taskQueue, [
        { n: 1, kind: 'echo' },
        { n: 2, kind: 'echo' },
        { n: 3, kind: 'echo' },
        { n: 4, kind: 'fail' },
        { n: 5, kind: 'wait' },
        { n: 6, kind: 'wait' },
      ]);
      await Promise.allSettled(started.slice(0, 4).map((handle) => handle.result()));
      return started;
    });
    const byN = (n: number) => handles[n - 1]!.workflowId;
    const inQueue = `TaskQueue = '${taskQueue}'`;

    const grouped = await waitUntil(
      'every run indexed with its final status',
      async () => {
        const counted = await env.client.workflow.count(`${inQueue} GROUP BY ExecutionStatus`);
        return counted.count === 6 && counted.groups.length === 3 ? counted : undefined;
      },
      INDEXING_TIMEOUT_MS,
    );
    expect(grouped).toEqual({
      count: 6,
      groups: [
        { count: 3, groupValues: [['Completed']] },
        { count: 2, groupValues: [['Running']] },
        { count: 1, groupValues: [['Failed']] },
      ],
    });
    expect(await env.client.workflow.count(inQueue)).toEqual({ count: 6, groups: [] });

    // Default order: open runs first (newest start first), then the rest by close time, latest first.
    const all = await listAll(inQueue);
    expect(all.slice(0, 2).map((execution) => execution.status.name)).toEqual(['RUNNING', 'RUNNING']);
    expect(new Set(all.map((execution) => execution.workflowId))).toEqual(
      new Set(handles.map((h) => h.workflowId)),
    );
    const closeTimes = all.slice(2).map((execution) => execution.closeTime!.getTime());
    expect(closeTimes).toEqual([...closeTimes].sort((a, b) => b - a));

    const first = all.find((execution) => execution.workflowId === byN(1))!;
    expect(first).toMatchObject({
      type: 'echo',
      taskQueue,
      status: { name: 'COMPLETED' },
      searchAttributes: {
        VisCustomer: ['odd'],
        VisAmount: [10],
        VisDueAt: [new Date(Date.UTC(2030, 0, 1))],
        VisTags: ['tag-1', 'all'],
      },
    });
    expect(first.typedSearchAttributes.get(dueAt)).toEqual(new Date(Date.UTC(2030, 0, 1)));
    expect(first.typedSearchAttributes.get(tags)).toEqual(['tag-1', 'all']);
    expect(first.startTime.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);
    expect(first.closeTime!.getTime()).toBeGreaterThanOrEqual(first.startTime.getTime());
    expect(first.historyLength).toBeGreaterThanOrEqual(5);

    const ids = async (query: string) =>
      (await listAll(`${inQueue} AND ${query}`)).map((execution) => execution.workflowId).sort();
    const sorted = (...ns: number[]) => ns.map(byN).sort();
    expect(await ids(`WorkflowType = 'echo'`)).toEqual(sorted(1, 2, 3));
    expect(await ids(`ExecutionStatus = 'Running'`)).toEqual(sorted(5, 6));
    expect(await ids(`ExecutionStatus IN ('Failed', 'Completed') AND VisCustomer = 'even'`)).toEqual(
      sorted(2, 4),
    );
    expect(await ids(`VisAmount > 20 AND VisAmount <= 50`)).toEqual(sorted(3, 4, 5));
    expect(await ids(`VisDueAt >= '2030-01-05T00:00:00Z'`)).toEqual(sorted(5, 6));
    expect(await ids(`VisTags = 'tag-2' OR VisTags = 'tag-6'`)).toEqual(sorted(2, 6));
    expect(await ids(`StartTime >= '${startedAt.toISOString()}' AND CloseTime IS NULL`)).toEqual(
      sorted(5, 6),
    );

    // ListOpen / ListClosed (the typed filters) see the same runs.
    const service = env.connection.workflowService;
    const open = await service.listOpenWorkflowExecutions({
      namespace: env.namespace,
      startTimeFilter: { earliestTime: msToTimestamp(startedAt.getTime() - 1000) },
      executionFilter: { workflowId: byN(5) },
    });
    expect(open.executions.map((execution) => execution.execution?.workflowId)).toEqual([byN(5)]);
    const failed = await service.listClosedWorkflowExecutions({
      namespace: env.namespace,
      startTimeFilter: { earliestTime: msToTimestamp(startedAt.getTime() - 1000) },
      executionFilter: { workflowId: byN(4) },
    });
    expect(failed.executions.map((execution) => execution.status)).toEqual([
      Status.WORKFLOW_EXECUTION_STATUS_FAILED,
    ]);
    const stillOpen = await service.listClosedWorkflowExecutions({
      namespace: env.namespace,
      executionFilter: { workflowId: byN(6) },
    });
    expect(stillOpen.executions).toHaveLength(0);

    await Promise.all(handles.slice(4).map((handle) => handle.terminate('visibility test done')));
  });

  it('pages through a result without repeats or gaps while new workflows start', async () => {
    const taskQueue = env.taskQueue('visibility-pages');
    const before = await startRuns(
      taskQueue,
      [1, 2, 3, 4, 5].map((n) => ({ n, kind: 'wait' as const })),
    );
    const query = `TaskQueue = '${taskQueue}'`;
    await waitUntil(
      'the first five runs indexed',
      async () => (await env.client.workflow.count(query)).count === 5,
      INDEXING_TIMEOUT_MS,
    );
    const service = env.connection.workflowService;
    const firstPage = await service.listWorkflowExecutions({ namespace: env.namespace, query, pageSize: 2 });
    expect(firstPage.executions).toHaveLength(2);
    // Newer runs sort first (open, newest start first): a cursor must not let them shift the pages.
    const after = await startRuns(
      taskQueue,
      [6, 7, 8].map((n) => ({ n, kind: 'wait' as const })),
    );
    await waitUntil(
      'the three new runs indexed',
      async () => (await env.client.workflow.count(query)).count === 8,
      INDEXING_TIMEOUT_MS,
    );
    const seen = firstPage.executions.map((execution) => execution.execution!.workflowId!);
    let nextPageToken = firstPage.nextPageToken;
    while (nextPageToken.length > 0) {
      const page = await service.listWorkflowExecutions({
        namespace: env.namespace,
        query,
        pageSize: 2,
        nextPageToken,
      });
      seen.push(...page.executions.map((execution) => execution.execution!.workflowId!));
      nextPageToken = page.nextPageToken;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(before.map((handle) => handle.workflowId)));
    // A fresh listing sees all eight; an oversized page size is clamped, not refused.
    const everything = await service.listWorkflowExecutions({
      namespace: env.namespace,
      query,
      pageSize: 50_000,
    });
    expect(everything.executions).toHaveLength(8);
    expect(everything.nextPageToken).toHaveLength(0);
    await Promise.all([...before, ...after].map((handle) => handle.terminate('visibility test done')));
  });

  it('refuses malformed queries and foreign page tokens with INVALID_ARGUMENT', async () => {
    const service = env.connection.workflowService;
    const malformed = await grpcError(
      service.listWorkflowExecutions({ namespace: env.namespace, query: `VisAmount > 'many'` }),
    );
    expect(malformed.code).toBe(INVALID_ARGUMENT);
    expect(malformed.details).toMatch(/^query: invalid query: .*VisAmount.* at position 13$/);
    const unknown = await grpcError(
      service.countWorkflowExecutions({ namespace: env.namespace, query: `NotAnAttribute = 1` }),
    );
    expect(unknown.code).toBe(INVALID_ARGUMENT);
    expect(unknown.details).toMatch(/NotAnAttribute/);
    const token = await grpcError(
      service.listWorkflowExecutions({
        namespace: env.namespace,
        query: '',
        nextPageToken: Buffer.from('{}'),
      }),
    );
    expect(token.code).toBe(INVALID_ARGUMENT);
    expect(token.details).toMatch(/^next_page_token: /);
  });

  it('checks search attributes at start against the namespace registry', async () => {
    const taskQueue = env.taskQueue('visibility-start');
    const start = (searchAttributes: Record<string, unknown[]>) =>
      env.client.workflow
        .start(waitForFinish, {
          taskQueue,
          workflowId: `vis-start-${randomUUID()}`,
          searchAttributes: searchAttributes as Record<string, string[]>,
        })
        .then(
          () => expect.fail('expected the start to be refused'),
          (error: { cause?: unknown }) => error.cause,
        );
    const unknown = (await start({ NotRegistered: ['x'] })) as { code: number; details: string };
    expect(unknown.code).toBe(INVALID_ARGUMENT);
    expect(unknown.details).toBe(
      'searchAttributes.indexedFields.NotRegistered: search attribute NotRegistered is not defined',
    );
    const wrongType = (await start({ VisAmount: ['ten'] })) as { code: number; details: string };
    expect(wrongType.code).toBe(INVALID_ARGUMENT);
    expect(wrongType.details).toMatch(/VisAmount of type Int/);
    const system = (await start({ WorkflowId: ['x'] })) as { code: number; details: string };
    expect(system.code).toBe(INVALID_ARGUMENT);
    expect(system.details).toMatch(/WorkflowId is a system search attribute/);
    const signalWithStart = await env.client.workflow
      .signalWithStart(waitForFinish, {
        taskQueue,
        workflowId: `vis-sws-${randomUUID()}`,
        signal: 'finish',
        signalArgs: ['now'],
        searchAttributes: { NotRegistered: ['x'] },
      })
      .then(
        () => expect.fail('expected the signal-with-start to be refused'),
        (error: { cause?: { code?: number; details?: string } }) => error.cause,
      );
    expect(signalWithStart?.code).toBe(INVALID_ARGUMENT);
    expect(signalWithStart?.details).toMatch(/search attribute NotRegistered is not defined/);

    const schedule = await env.client.schedule
      .create({
        scheduleId: `vis-schedule-${randomUUID()}`,
        spec: { intervals: [{ every: '1h' }] },
        action: {
          type: 'startWorkflow',
          workflowType: waitForFinish,
          taskQueue,
          searchAttributes: { NotRegistered: ['x'] },
        },
      })
      .then(
        () => expect.fail('expected the schedule to be refused'),
        (error: { cause?: { code?: number; details?: string }; code?: number; details?: string }) =>
          error.cause ?? error,
      );
    expect(schedule.code).toBe(INVALID_ARGUMENT);
    expect(schedule.details).toBe(
      'schedule.action.startWorkflow.searchAttributes.indexedFields.NotRegistered: ' +
        'search attribute NotRegistered is not defined',
    );

    // Registered a moment ago: accepted at once, whatever the api process had cached.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace,
      searchAttributes: { VisLateAddition: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
    });
    const accepted = await env.client.workflow.start(waitForFinish, {
      taskQueue,
      workflowId: `vis-late-${randomUUID()}`,
      searchAttributes: { VisLateAddition: ['yes'], VisAmount: [7] },
    });
    await accepted.terminate('visibility test done');
  });
});
