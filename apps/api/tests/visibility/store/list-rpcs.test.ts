import { randomUUID } from 'node:crypto';
import { serverUrl } from '@kairos/db/testing';
import { msToTimestamp, temporal } from '@kairos/proto';
import { PostgresVisibilityStore, type VisibilityRecord } from '@kairos/visibility';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenants } from '../../auth/support/tenants.ts';
import { startApiUnderTest, type ApiUnderTest } from '../../support/api-under-test.ts';
import { grpcError } from '../../support/grpc-error.ts';
import { datetime, int, keyword, keywordList, visibilityRecord } from '../support/visibility-records.ts';

// The visibility rpcs over records written straight into the api's SQL store (what the indexer does),
// so every answer is checked against known rows: field mapping, filters, order, pages, counts and
// errors. The SDK end-to-end tests (../*.test.ts) drive the same rpcs over real workflows.

const INVALID_ARGUMENT = 3;
const PERMISSION_DENIED = 7;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const Status = temporal.api.enums.v1.WorkflowExecutionStatus;

let server: ApiUnderTest;
let connection: Connection;
let client: Client;
let pool: pg.Pool;
let store: PostgresVisibilityStore;
let namespaceId: string;
const type = `order-${randomUUID().slice(0, 8)}`;
const records: VisibilityRecord[] = [];

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  server = await startApiUnderTest('visibility_rpcs');
  const [database] = await server.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const url = new URL(serverUrl);
  url.pathname = `/${database!.name}`;
  pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  store = new PostgresVisibilityStore({ pool });
  namespaceId = (await server.prisma.namespace.findFirstOrThrow({ where: { name: 'default' } })).id;
  connection = await Connection.connect({ address: server.address, interceptors: [] });
  client = new Client({ connection, namespace: 'default' });
  await connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: {
      CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      Amount: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      DueAt: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      Tags: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    },
  });
  const row = (
    n: number,
    status: VisibilityRecord['status'],
    start: string,
    close: string | null,
    customer: string,
  ) =>
    visibilityRecord({
      namespaceId,
      workflowId: `wf-${n}`,
      workflowType: type,
      status,
      startTime: at(start),
      closeTime: close === null ? null : at(close),
      memo: { n },
      searchAttributes: {
        CustomerId: keyword(customer),
        Amount: int(BigInt(n * 100)),
        DueAt: datetime(`2025-0${n}-01T00:00:00Z`),
        Tags: keywordList([`tag-${n}`, 'all']),
      },
    });
  records.push(
    row(1, 'Running', '2024-01-01T00:00:00Z', null, 'acme'),
    row(2, 'Completed', '2024-01-02T00:00:00Z', '2024-01-05T00:00:00Z', 'acme'),
    row(3, 'Failed', '2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z', 'globex'),
    row(4, 'Running', '2024-01-04T00:00:00Z', null, 'globex'),
    row(5, 'Completed', '2024-01-05T00:00:00Z', '2024-01-06T00:00:00Z', 'initech'),
  );
  records[0] = {
    ...records[0]!,
    parentWorkflowId: 'parent-1',
    parentRunId: randomUUID(),
    rootWorkflowId: 'root-1',
    rootRunId: randomUUID(),
  };
  await store.upsert(records);
});

afterAll(async () => {
  await connection?.close();
  await pool?.end();
  await server?.stop();
});

const ids = (executions: { execution?: { workflowId?: string | null } | null }[]) =>
  executions.map((execution) => execution.execution?.workflowId);

describe('ListWorkflowExecutions', () => {
  it('maps every record field into WorkflowExecutionInfo as the SDK reads it', async () => {
    const listed = [];
    for await (const execution of client.workflow.list({ query: `WorkflowType = '${type}'` })) {
      listed.push(execution);
    }
    // Temporal's default order: open runs first (newest start first), then latest close first.
    expect(listed.map((execution) => execution.workflowId)).toEqual(['wf-4', 'wf-1', 'wf-5', 'wf-2', 'wf-3']);
    const first = listed.find((execution) => execution.workflowId === 'wf-1');
    const completed = listed.find((execution) => execution.workflowId === 'wf-2');
    expect(first).toMatchObject({
      type,
      runId: records[0]!.runId,
      taskQueue: 'visibility-test',
      status: { name: 'RUNNING' },
      historyLength: 2,
      historySize: 400,
      startTime: at('2024-01-01T00:00:00Z'),
      executionTime: at('2024-01-01T00:00:00Z'),
      closeTime: undefined,
      memo: { n: 1 },
      parentExecution: { workflowId: 'parent-1', runId: records[0]!.parentRunId },
      rootExecution: { workflowId: 'root-1', runId: records[0]!.rootRunId },
      searchAttributes: {
        CustomerId: ['acme'],
        Amount: [100],
        DueAt: [at('2025-01-01T00:00:00Z')],
        Tags: ['tag-1', 'all'],
      },
    });
    expect(
      Object.fromEntries(first!.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair])),
    ).toMatchObject({
      CustomerId: { key: { type: 'KEYWORD' }, value: 'acme' },
      Amount: { key: { type: 'INT' }, value: 100 },
      DueAt: { key: { type: 'DATETIME' }, value: at('2025-01-01T00:00:00Z') },
      Tags: { key: { type: 'KEYWORD_LIST' }, value: ['tag-1', 'all'] },
    });
    expect(completed).toMatchObject({
      status: { name: 'COMPLETED' },
      closeTime: at('2024-01-05T00:00:00Z'),
      parentExecution: undefined,
    });
    const raw = completed!.raw;
    expect(raw.executionDuration).toMatchObject({ nanos: 0 });
    expect(Number(raw.executionDuration?.seconds)).toBe(3 * 24 * 60 * 60);
    expect(Number(raw.stateTransitionCount)).toBe(3);
  });

  it('filters on system and custom attributes with the full language', async () => {
    const query = async (text: string, orderBy = '') => {
      const page = await connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: `WorkflowType = '${type}' AND (${text}) ${orderBy}`,
      });
      return ids(page.executions);
    };
    expect(await query(`ExecutionStatus = 'Running'`)).toEqual(['wf-4', 'wf-1']);
    expect(await query(`CustomerId = 'acme'`)).toEqual(['wf-1', 'wf-2']);
    expect(await query(`Amount >= 300 AND Amount < 500`)).toEqual(['wf-4', 'wf-3']);
    expect(await query(`DueAt > '2025-04-15T00:00:00Z'`)).toEqual(['wf-5']);
    expect(await query(`Tags = 'tag-3' OR Tags IN ('tag-5')`)).toEqual(['wf-5', 'wf-3']);
    expect(await query(`StartTime BETWEEN '2024-01-02T00:00:00Z' AND '2024-01-03T00:00:00Z'`)).toEqual([
      'wf-2',
      'wf-3',
    ]);
    expect(await query(`CloseTime IS NULL`)).toEqual(['wf-4', 'wf-1']);
    expect(await query(`WorkflowId STARTS_WITH 'wf-'`, 'ORDER BY StartTime ASC')).toEqual([
      'wf-1',
      'wf-2',
      'wf-3',
      'wf-4',
      'wf-5',
    ]);
  });

  it('pages with opaque tokens, clamps oversized pages and takes 0 or a negative size as the default', async () => {
    const seen: (string | null | undefined)[] = [];
    let nextPageToken: Uint8Array | undefined;
    let pages = 0;
    do {
      const page = await connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: `WorkflowType = '${type}'`,
        pageSize: 2,
        nextPageToken,
      });
      pages++;
      seen.push(...ids(page.executions));
      nextPageToken = page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
    } while (nextPageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(['wf-4', 'wf-1', 'wf-5', 'wf-2', 'wf-3']);
    for (const pageSize of [5000, 0, -1]) {
      const page = await connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: `WorkflowType = '${type}'`,
        pageSize,
      });
      expect(page.executions).toHaveLength(5);
      expect(page.nextPageToken).toHaveLength(0);
    }
  });

  it('refuses a malformed query naming the position, and a token it did not issue', async () => {
    const malformed = await grpcError(
      connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: 'WorkflowType = ' }),
    );
    expect(malformed.code).toBe(INVALID_ARGUMENT);
    expect(malformed.details).toMatch(/^query: invalid query: .* at position 16$/);
    const unknown = await grpcError(
      connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: `Nope = 'x'` }),
    );
    expect(unknown.code).toBe(INVALID_ARGUMENT);
    expect(unknown.details).toMatch(/Nope.*position 1/);
    const garbage = await grpcError(
      connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: '',
        nextPageToken: Buffer.from('garbage'),
      }),
    );
    expect(garbage.code).toBe(INVALID_ARGUMENT);
    expect(garbage.details).toMatch(/next_page_token/);
    const first = await connection.workflowService.listWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowType = '${type}'`,
      pageSize: 1,
    });
    const otherQuery = await grpcError(
      connection.workflowService.listWorkflowExecutions({
        namespace: 'default',
        query: `ExecutionStatus = 'Running'`,
        nextPageToken: first.nextPageToken,
      }),
    );
    expect(otherQuery.code).toBe(INVALID_ARGUMENT);
    expect(otherQuery.details).toMatch(/next_page_token: belongs to a different namespace or query/);
  });
});

describe('ScanWorkflowExecutions', () => {
  it('returns every matching run once across pages', async () => {
    const seen: (string | null | undefined)[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.scanWorkflowExecutions({
        namespace: 'default',
        query: `WorkflowType = '${type}'`,
        pageSize: 3,
        nextPageToken,
      });
      seen.push(...ids(page.executions));
      nextPageToken = page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
    } while (nextPageToken);
    expect([...seen].sort()).toEqual(['wf-1', 'wf-2', 'wf-3', 'wf-4', 'wf-5']);
  });
});

describe('CountWorkflowExecutions', () => {
  it('counts, and groups by ExecutionStatus with Keyword payload values', async () => {
    expect(await client.workflow.count(`WorkflowType = '${type}'`)).toEqual({ count: 5, groups: [] });
    expect(await client.workflow.count(`WorkflowType = '${type}' AND CustomerId = 'globex'`)).toMatchObject({
      count: 2,
    });
    const grouped = await client.workflow.count(`WorkflowType = '${type}' GROUP BY ExecutionStatus`);
    expect(grouped).toEqual({
      count: 5,
      groups: [
        { count: 2, groupValues: [['Completed']] },
        { count: 2, groupValues: [['Running']] },
        { count: 1, groupValues: [['Failed']] },
      ],
    });
    const raw = await connection.workflowService.countWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowType = '${type}' GROUP BY ExecutionStatus`,
    });
    const value = raw.groups[0]?.groupValues?.[0];
    const metadata = value?.metadata ?? {};
    expect(Buffer.from(metadata['type'] ?? []).toString()).toBe('Keyword');
    expect(Buffer.from(metadata['encoding'] ?? []).toString()).toBe('json/plain');
    expect(Buffer.from(value?.data ?? []).toString()).toBe('"Completed"');
  });

  it('refuses ORDER BY and grouping by anything but ExecutionStatus', async () => {
    for (const query of [`WorkflowType = 'x' ORDER BY StartTime`, `GROUP BY WorkflowType`, `Amount = `]) {
      const error = await grpcError(
        connection.workflowService.countWorkflowExecutions({ namespace: 'default', query }),
      );
      expect(error.code).toBe(INVALID_ARGUMENT);
      expect(error.details).toMatch(/^query: invalid query: .*position \d+$/);
    }
  });
});

describe('ListOpenWorkflowExecutions and ListClosedWorkflowExecutions', () => {
  const window = (earliest: string, latest?: string) => ({
    earliestTime: msToTimestamp(Date.parse(earliest)),
    ...(latest ? { latestTime: msToTimestamp(Date.parse(latest)) } : {}),
  });

  it('lists open runs by start time window, type or id', async () => {
    const byType = await connection.workflowService.listOpenWorkflowExecutions({
      namespace: 'default',
      typeFilter: { name: type },
    });
    expect(ids(byType.executions)).toEqual(['wf-4', 'wf-1']);
    expect(byType.executions[0]!.status).toBe(Status.WORKFLOW_EXECUTION_STATUS_RUNNING);
    const windowed = await connection.workflowService.listOpenWorkflowExecutions({
      namespace: 'default',
      startTimeFilter: window('2024-01-03T00:00:00Z', '2024-01-10T00:00:00Z'),
      typeFilter: { name: type },
    });
    expect(ids(windowed.executions)).toEqual(['wf-4']);
    const byId = await connection.workflowService.listOpenWorkflowExecutions({
      namespace: 'default',
      executionFilter: { workflowId: 'wf-1' },
    });
    expect(ids(byId.executions)).toEqual(['wf-1']);
    const paged = await connection.workflowService.listOpenWorkflowExecutions({
      namespace: 'default',
      typeFilter: { name: type },
      maximumPageSize: 1,
    });
    expect(ids(paged.executions)).toEqual(['wf-4']);
    const rest = await connection.workflowService.listOpenWorkflowExecutions({
      namespace: 'default',
      typeFilter: { name: type },
      maximumPageSize: 1,
      nextPageToken: paged.nextPageToken,
    });
    expect(ids(rest.executions)).toEqual(['wf-1']);
  });

  it('lists closed runs by close time window (as Temporal applies StartTimeFilter there) or status', async () => {
    const byType = await connection.workflowService.listClosedWorkflowExecutions({
      namespace: 'default',
      typeFilter: { name: type },
    });
    expect(ids(byType.executions)).toEqual(['wf-5', 'wf-2', 'wf-3']);
    // wf-2 started on the 2nd but closed on the 5th: inside a window on close time, outside one on start.
    const windowed = await connection.workflowService.listClosedWorkflowExecutions({
      namespace: 'default',
      startTimeFilter: window('2024-01-04T12:00:00Z', '2024-01-05T12:00:00Z'),
      typeFilter: { name: type },
    });
    expect(ids(windowed.executions)).toEqual(['wf-2']);
    const failed = await connection.workflowService.listClosedWorkflowExecutions({
      namespace: 'default',
      startTimeFilter: window('2024-01-01T00:00:00Z'),
      statusFilter: { status: Status.WORKFLOW_EXECUTION_STATUS_FAILED },
    });
    expect(ids(failed.executions)).toEqual(['wf-3']);
    const byId = await connection.workflowService.listClosedWorkflowExecutions({
      namespace: 'default',
      executionFilter: { workflowId: 'wf-5', runId: records[4]!.runId },
    });
    expect(ids(byId.executions)).toEqual(['wf-5']);
  });

  it('refuses a Running status filter and an inverted window', async () => {
    const running = await grpcError(
      connection.workflowService.listClosedWorkflowExecutions({
        namespace: 'default',
        statusFilter: { status: Status.WORKFLOW_EXECUTION_STATUS_RUNNING },
      }),
    );
    expect(running.code).toBe(INVALID_ARGUMENT);
    expect(running.details).toMatch(/^statusFilter\.status: must be a closed status/);
    const inverted = await grpcError(
      connection.workflowService.listOpenWorkflowExecutions({
        namespace: 'default',
        startTimeFilter: window('2024-02-01T00:00:00Z', '2024-01-01T00:00:00Z'),
      }),
    );
    expect(inverted.code).toBe(INVALID_ARGUMENT);
    expect(inverted.details).toMatch(/^startTimeFilter: earliestTime must not be later than latestTime/);
  });
});

describe('namespaces and keys', () => {
  it('keeps namespaces apart and refuses a key scoped to another namespace', async () => {
    const tenants = new Tenants(server.prisma);
    const account = await tenants.account('VisibilityRpcs');
    const mine = await tenants.namespace(account, 'vis-mine');
    await tenants.namespace(account, 'vis-other');
    await store.upsert([
      visibilityRecord({
        namespaceId: mine,
        workflowId: 'tenant-wf',
        workflowType: type,
        status: 'Running',
        startTime: at('2024-03-01T00:00:00Z'),
      }),
    ]);
    const { key } = await tenants.key({ accountId: account, role: 'read_only', namespaceIds: [mine] });
    const scoped = Connection.lazy({ address: server.address, apiKey: key, tls: false, interceptors: [] });
    try {
      const own = await scoped.workflowService.listWorkflowExecutions({ namespace: 'vis-mine', query: '' });
      expect(ids(own.executions)).toEqual(['tenant-wf']);
      const count = await scoped.workflowService.countWorkflowExecutions({
        namespace: 'vis-mine',
        query: '',
      });
      expect(Number(count.count)).toBe(1);
      const service = scoped.workflowService;
      for (const call of [
        () => service.listWorkflowExecutions({ namespace: 'vis-other', query: '' }),
        () => service.countWorkflowExecutions({ namespace: 'vis-other', query: '' }),
        () => service.scanWorkflowExecutions({ namespace: 'default', query: '' }),
        () => service.listOpenWorkflowExecutions({ namespace: 'vis-other' }),
        () => service.listClosedWorkflowExecutions({ namespace: 'default' }),
      ]) {
        const refused = await grpcError(call());
        expect(refused.code).toBe(PERMISSION_DENIED);
        expect(refused.details).toMatch(/may not use namespace/);
      }
    } finally {
      await scoped.close();
    }
  });
});
