import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, signUp, type SignedInClient, type Team } from './support/team.ts';

interface Row {
  workflowId: string;
  runId: string;
  status: string;
  searchAttributes: Record<string, unknown>;
}
interface Page {
  rows: Row[];
  nextCursor: string | null;
}

/**
 * The console's workflow procedures over the real api: list/count/searchAttributes read the
 * visibility store (rows written here straight into visibility_records, so these tests do not
 * depend on the indexer), describe/history/signal/cancel/terminate reach the in-process engine.
 */
describe('workflows procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;
  let stranger: SignedInClient;
  let namespaceId = '';
  const namespace = 'wf-console';

  async function visibilityRow(workflowId: string, status: string, minutesAgo: number, keyword?: string) {
    const start = new Date(Date.now() - minutesAgo * 60_000);
    await server.prisma.visibilityRecord.create({
      data: {
        namespaceId,
        runId: randomUUID(),
        workflowId,
        workflowType: 'ProcessOrder',
        status,
        startTime: start,
        executionTime: start,
        closeTime: status === 'Running' ? null : new Date(start.getTime() + 1000),
        taskQueue: 'orders',
        historyLength: 2n,
        searchAttributes: keyword === undefined ? {} : { CustomKeywordField: keyword },
        searchAttributeTypes: keyword === undefined ? {} : { CustomKeywordField: 'Keyword' },
        version: 1n,
      },
    });
  }

  async function startRun(workflowId: string) {
    const started = await server.engine.history.startWorkflowExecution(
      { id: namespaceId, name: namespace },
      {
        namespace,
        workflowId,
        workflowType: { name: 'AwaitApproval' },
        taskQueue: { name: 'approvals' },
        requestId: randomUUID(),
        input: {
          payloads: [
            { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"order":42}') },
            { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.from([1, 2, 3]) },
          ],
        },
      },
    );
    return { workflowId, runId: started.runId ?? '' };
  }

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('workflows');
    team = await createTeam(server, 'wf');
    stranger = await signUp(server, 'wf-stranger');
    const created = await team.admin.client.ok<{ id: string }>('mutation', 'namespaces.create', {
      name: namespace,
    });
    namespaceId = created.id;
    await server.prisma.searchAttribute.create({
      data: { namespaceId, name: 'CustomKeywordField', type: 'Keyword' },
    });
    await visibilityRow('order-1', 'Completed', 30, 'alpha');
    await visibilityRow('order-2', 'Running', 20, 'beta');
    await visibilityRow('order-3', 'Running', 10, 'alpha');
    await visibilityRow('order-4', 'Failed', 5);
  });
  afterAll(() => server?.stop());

  it('lists runs in pages (open first) and filters by a custom attribute', async () => {
    const first = await team.readOnly.client.ok<Page>('query', 'workflows.list', { namespace, pageSize: 2 });
    expect(first.rows.map((row) => row.workflowId)).toEqual(['order-3', 'order-2']);
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await team.readOnly.client.ok<Page>('query', 'workflows.list', {
      namespace,
      pageSize: 2,
      cursor: first.nextCursor,
    });
    expect(second.rows.map((row) => row.workflowId)).toEqual(['order-4', 'order-1']);
    expect(second.nextCursor).toBeNull();

    const filtered = await team.readOnly.client.ok<Page>('query', 'workflows.list', {
      namespace,
      query: "CustomKeywordField = 'alpha'",
    });
    expect(filtered.rows.map((row) => [row.workflowId, row.searchAttributes.CustomKeywordField])).toEqual([
      ['order-3', 'alpha'],
      ['order-1', 'alpha'],
    ]);
  });

  it('counts by status, with every status present, and honours the filter', async () => {
    const all = await team.readOnly.client.ok<{ total: number; byStatus: Record<string, number> }>(
      'query',
      'workflows.count',
      { namespace },
    );
    expect(all.total).toBe(4);
    expect(all.byStatus).toEqual({
      Running: 2,
      Completed: 1,
      Failed: 1,
      Canceled: 0,
      Terminated: 0,
      ContinuedAsNew: 0,
      TimedOut: 0,
    });
    const alpha = await team.readOnly.client.ok<{ total: number; byStatus: Record<string, number> }>(
      'query',
      'workflows.count',
      { namespace, query: "CustomKeywordField = 'alpha' ORDER BY StartTime" },
    );
    expect(alpha.total).toBe(2);
    expect(alpha.byStatus).toMatchObject({ Running: 1, Completed: 1 });
  });

  it('answers a bad filter with BAD_REQUEST naming the query and the position', async () => {
    const answer = await team.readOnly.client.query('workflows.list', {
      namespace,
      query: "WorkflowType = 'x' AND",
    });
    expect(answer.status).toBe(400);
    expect(answer.error?.data.fieldErrors?.query?.[0]).toMatch(/invalid query: .* at position \d+/);
    const unknown = await team.readOnly.client.query('workflows.count', { namespace, query: 'Nope = 1' });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.data.fieldErrors?.query?.[0]).toMatch(/Nope.* at position 1/);
    const cursor = await team.readOnly.client.query('workflows.list', { namespace, cursor: 'AAAA' });
    expect(cursor.status).toBe(400);
    expect(Object.keys(cursor.error?.data.fieldErrors ?? {})).toEqual(['cursor']);
  });

  it('names system, predefined and custom attributes for completion', async () => {
    const attributes = await team.readOnly.client.ok<{ name: string; type: string; kind: string }[]>(
      'query',
      'workflows.searchAttributes',
      { namespace },
    );
    expect(attributes).toContainEqual({ name: 'ExecutionStatus', type: 'Keyword', kind: 'system' });
    expect(attributes).toContainEqual({ name: 'BuildIds', type: 'KeywordList', kind: 'predefined' });
    expect(attributes).toContainEqual({ name: 'CustomKeywordField', type: 'Keyword', kind: 'custom' });
  });

  it('describes a run with decoded input and pages its history', async () => {
    const run = await startRun('approval-1');
    const described = await team.readOnly.client.ok<Record<string, unknown>>('query', 'workflows.describe', {
      namespace,
      ...run,
    });
    expect(described).toMatchObject({
      workflowId: 'approval-1',
      runId: run.runId,
      workflowType: 'AwaitApproval',
      status: 'Running',
      taskQueue: 'approvals',
      outcome: null,
      input: [
        { encoding: 'json/plain', format: 'json', text: '{\n  "order": 42\n}' },
        { encoding: 'binary/plain', format: 'base64', text: 'AQID' },
      ],
    });
    const history = await team.readOnly.client.ok<{
      events: { eventId: number; type: string; summary: string; details: Record<string, unknown> }[];
      nextCursor: string | null;
    }>('query', 'workflows.history', { namespace, ...run, pageSize: 1 });
    expect(history.events).toHaveLength(1);
    expect(history.events[0]).toMatchObject({ eventId: 1, type: 'WorkflowExecutionStarted' });
    expect(history.events[0]?.summary).toContain('workflowType=AwaitApproval');
    expect(history.events[0]?.details).toMatchObject({ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    expect(history.nextCursor).not.toBeNull();
    const rest = await team.readOnly.client.ok<{ events: { eventId: number; type: string }[] }>(
      'query',
      'workflows.history',
      { namespace, ...run, cursor: history.nextCursor },
    );
    expect(rest.events[0]).toMatchObject({ eventId: 2, type: 'WorkflowTaskScheduled' });
  });

  it('signals, cancels and terminates (developer+), each with an audit entry', async () => {
    const run = await startRun('approval-2');
    await team.developer.client.ok('mutation', 'workflows.signal', {
      namespace,
      ...run,
      signalName: 'approve',
      input: '{"by":"dev"}',
    });
    await team.developer.client.ok('mutation', 'workflows.cancel', {
      namespace,
      ...run,
      reason: 'changed mind',
    });
    await team.developer.client.ok('mutation', 'workflows.terminate', {
      namespace,
      ...run,
      reason: 'enough',
    });
    const described = await team.readOnly.client.ok<{
      status: string;
      outcome: { eventType: string; reason: string };
    }>('query', 'workflows.describe', { namespace, ...run });
    expect(described.status).toBe('Terminated');
    expect(described.outcome).toMatchObject({ eventType: 'WorkflowExecutionTerminated', reason: 'enough' });
    const history = await team.readOnly.client.ok<{ events: { type: string; summary: string }[] }>(
      'query',
      'workflows.history',
      { namespace, ...run },
    );
    const signaled = history.events.find((event) => event.type === 'WorkflowExecutionSignaled');
    expect(signaled?.summary).toContain('signalName=approve');
    expect(signaled?.summary).toContain('{"by":"dev"}');
    expect(history.events.map((event) => event.type)).toContain('WorkflowExecutionCancelRequested');

    const audit = await server.prisma.auditLogEntry.findMany({
      where: { accountId: team.accountId, targetType: 'workflow' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((entry) => [entry.action, entry.actorLabel, entry.targetId])).toEqual([
      ['workflow.signal', team.developer.email, `approval-2/${run.runId}`],
      ['workflow.cancel', team.developer.email, `approval-2/${run.runId}`],
      ['workflow.terminate', team.developer.email, `approval-2/${run.runId}`],
    ]);
    expect(audit[0]?.details).toMatchObject({ namespace, signalName: 'approve', inputBytes: 12 });
  });

  it('refuses read-only members the actions with FORBIDDEN and changes nothing', async () => {
    const run = await startRun('approval-3');
    for (const [path, input] of [
      ['workflows.signal', { signalName: 'approve' }],
      ['workflows.cancel', {}],
      ['workflows.terminate', { reason: 'no' }],
      ['workflows.reset', { reason: 'no', workflowTaskFinishEventId: 3 }],
    ] as const) {
      const answer = await team.readOnly.client.mutation(path, { namespace, ...run, ...input });
      expect(answer.status, path).toBe(403);
      expect(answer.error?.message).toMatch(/requires the developer role or higher/);
    }
    const described = await team.readOnly.client.ok<{ status: string; historyLength: number }>(
      'query',
      'workflows.describe',
      { namespace, ...run },
    );
    expect(described).toMatchObject({ status: 'Running', historyLength: 2 });
  });

  it('refuses a reset to an event that is not a completed workflow task, writing no audit entry', async () => {
    const run = await startRun('approval-6');
    const answer = await team.developer.client.mutation('workflows.reset', {
      namespace,
      ...run,
      workflowTaskFinishEventId: 3,
      reason: 'try again',
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(
      await server.prisma.auditLogEntry.count({
        where: { action: 'workflow.reset', accountId: team.accountId },
      }),
    ).toBe(0);
  });

  it('answers 401 signed out, 404 for another account’s namespace or an unknown run', async () => {
    const anonymous = server.client();
    expect((await anonymous.query('workflows.list', { namespace })).status).toBe(401);
    expect(
      (
        await anonymous.mutation('workflows.terminate', {
          namespace,
          workflowId: 'a',
          runId: '00000000-0000-4000-8000-00000000000b',
          reason: 'x',
        })
      ).status,
    ).toBe(401);
    const run = await startRun('approval-4');
    for (const [kind, path, input] of [
      ['query', 'workflows.list', { namespace }],
      ['query', 'workflows.count', { namespace }],
      ['query', 'workflows.searchAttributes', { namespace }],
      ['query', 'workflows.describe', { namespace, ...run }],
      ['query', 'workflows.history', { namespace, ...run }],
      ['mutation', 'workflows.terminate', { namespace, ...run, reason: 'not yours' }],
      ['mutation', 'workflows.signal', { namespace, ...run, signalName: 'x' }],
    ] as const) {
      const answer =
        kind === 'query'
          ? await stranger.client.query(path, input)
          : await stranger.client.mutation(path, input);
      expect(answer.status, path).toBe(404);
      expect(answer.error?.message).toBe(`namespace ${namespace} is not found`);
    }
    const unknownRun = await team.readOnly.client.query('workflows.describe', {
      namespace,
      workflowId: 'approval-4',
      runId: randomUUID(),
    });
    expect(unknownRun.status).toBe(404);
  });

  it('names the field of malformed input and bounds sizes (413 past the body limit)', async () => {
    const run = await startRun('approval-5');
    const cases: [string, unknown, string][] = [
      ['workflows.signal', { namespace, ...run, signalName: '', input: '1' }, 'signalName'],
      ['workflows.signal', { namespace, ...run, signalName: 'x', input: '{not json' }, 'input'],
      ['workflows.signal', { namespace, ...run, signalName: 'x'.repeat(256) }, 'signalName'],
      ['workflows.terminate', { namespace, ...run, reason: '' }, 'reason'],
      ['workflows.cancel', { namespace, workflowId: '', runId: run.runId }, 'workflowId'],
      ['workflows.terminate', { namespace, workflowId: 'x', reason: 'r' }, 'runId'],
      [
        'workflows.reset',
        { namespace, ...run, reason: 'r', workflowTaskFinishEventId: 1 },
        'workflowTaskFinishEventId',
      ],
      ['workflows.reset', { namespace, ...run, workflowTaskFinishEventId: 4 }, 'reason'],
    ];
    for (const [path, input, field] of cases) {
      const answer = await team.developer.client.mutation(path, input);
      expect(answer.status, `${path} ${field}`).toBe(400);
      expect(Object.keys(answer.error?.data.fieldErrors ?? {})).toContain(field);
    }
    for (const [path, input, field] of [
      ['workflows.list', { namespace, pageSize: 0 }, 'pageSize'],
      ['workflows.list', { namespace, query: 'x'.repeat(5000) }, 'query'],
      ['workflows.history', { namespace, ...run, pageSize: 5000 }, 'pageSize'],
      [
        'workflows.describe',
        { namespace, workflowId: 'x'.repeat(1001), runId: '00000000-0000-4000-8000-00000000000f' },
        'workflowId',
      ],
    ] as const) {
      const answer = await team.readOnly.client.query(path, input);
      expect(answer.status, `${path} ${field}`).toBe(400);
      expect(Object.keys(answer.error?.data.fieldErrors ?? {})).toContain(field);
    }
    const oversized = await team.developer.client.mutation('workflows.signal', {
      namespace,
      ...run,
      signalName: 'big',
      input: JSON.stringify('x'.repeat(300 * 1024)),
    });
    expect(oversized.status).toBe(413);
  });
});
