import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileListFilter } from './check-query.ts';
import type { TypedValue } from './checked-tree.ts';
import { toSqlKeysetCondition } from './sql-keyset.ts';
import { VISIBILITY_RECORDS_LAYOUT } from './sql-layout.ts';
import { toSqlQuery } from './to-sql.ts';

// Runs translated filters on a real Postgres over the table layout the README proposes, so the SQL
// is checked for validity and for meaning (NULL handling, word search, escaping, keyset paging).

const TABLE = `
  CREATE TABLE visibility_records (
    namespace_id text NOT NULL,
    run_id text NOT NULL,
    workflow_id text NOT NULL,
    workflow_type text NOT NULL,
    status text NOT NULL,
    start_time timestamptz NOT NULL,
    execution_time timestamptz NOT NULL,
    close_time timestamptz,
    execution_duration bigint,
    task_queue text NOT NULL,
    history_length bigint,
    history_size_bytes bigint,
    state_transition_count bigint,
    parent_workflow_id text,
    parent_run_id text,
    root_workflow_id text,
    root_run_id text,
    search_attributes jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (namespace_id, run_id)
  )`;

const DAY_NANOS = 86_400_000_000_000n;
const ROWS = [
  [
    'r1',
    'wf-1',
    'order',
    'Running',
    '2024-01-01',
    null,
    null,
    null,
    {
      CustomKeyword: 'a',
      CustomInt: 5,
      CustomList: ['x', 'y'],
      CustomText: 'my-business-id foobar',
      CustomBool: true,
      CustomDatetime: '2024-01-05T00:00:00Z',
    },
  ],
  [
    'r2',
    'wf-2',
    'order',
    'Completed',
    '2024-01-02',
    '2024-01-03',
    DAY_NANOS,
    null,
    { CustomKeyword: 'b', CustomInt: 10, CustomList: ['y'], CustomBool: false },
  ],
  ['r3', 'wf-3', 'payment', 'Failed', '2024-01-03', '2024-01-04', DAY_NANOS, 'wf-1', {}],
  [
    'r4',
    'wf-4',
    'order_special%',
    'Running',
    '2024-01-04',
    null,
    null,
    null,
    { CustomDouble: 2.5, CustomText: 'hello world' },
  ],
  ['r5', 'wf-5', 'order', 'Completed', '2024-01-02', '2024-01-03', DAY_NANOS, null, { CustomInt: 7 }],
] as const;

const customAttributes = {
  CustomKeyword: 'Keyword',
  CustomText: 'Text',
  CustomInt: 'Int',
  CustomDouble: 'Double',
  CustomBool: 'Bool',
  CustomDatetime: 'Datetime',
  CustomList: 'KeywordList',
} as const;

let database: ThrowawayDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createThrowawayDatabase('visibility_query');
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query(TABLE);
  for (const [runId, workflowId, type, status, start, close, duration, parent, attributes] of ROWS) {
    await pool.query(
      `INSERT INTO visibility_records (namespace_id, run_id, workflow_id, workflow_type, status, start_time,
         execution_time, close_time, execution_duration, task_queue, parent_workflow_id, search_attributes)
       VALUES ('ns', $1, $2, $3, $4, $5, $5, $6, $7, 'q', $8, $9)`,
      [runId, workflowId, type, status, start, close, duration, parent, JSON.stringify(attributes)],
    );
  }
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function workflowIds(filter: string): Promise<string[]> {
  const sql = toSqlQuery(
    compileListFilter(filter, { customAttributes, purpose: 'list' }),
    VISIBILITY_RECORDS_LAYOUT,
    2,
  );
  const result = await pool.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM visibility_records WHERE namespace_id = $1 AND (${sql.where}) ORDER BY ${sql.orderBy}`,
    ['ns', ...sql.values],
  );
  return result.rows.map((row) => row.workflow_id);
}

describe('translated filters on Postgres', () => {
  it.each([
    ['', ['wf-4', 'wf-1', 'wf-3', 'wf-2', 'wf-5']],
    ["ExecutionStatus = 'Running'", ['wf-4', 'wf-1']],
    ["CloseTime != '2024-01-04T00:00:00Z'", ['wf-4', 'wf-1', 'wf-2', 'wf-5']],
    ["CustomKeyword != 'a'", ['wf-4', 'wf-3', 'wf-2', 'wf-5']],
    ['CustomInt > 5', ['wf-2', 'wf-5']],
    ['CustomInt NOT BETWEEN 6 AND 8', ['wf-4', 'wf-1', 'wf-3', 'wf-2']],
    ['CustomInt IN (5, 10)', ['wf-1', 'wf-2']],
    ["CustomList = 'y'", ['wf-1', 'wf-2']],
    ["CustomList IN ('x', 'z')", ['wf-1']],
    ["CustomList NOT IN ('x')", ['wf-4', 'wf-3', 'wf-2', 'wf-5']],
    ["CustomText = 'foobar'", ['wf-1']],
    ["CustomText = 'nothing hello'", ['wf-4']],
    ["CustomText != 'foobar'", ['wf-4', 'wf-3', 'wf-2', 'wf-5']],
    ["WorkflowType STARTS_WITH 'order_'", ['wf-4']],
    ["WorkflowType STARTS_WITH 'order_special%'", ['wf-4']],
    ["WorkflowType STARTS_WITH 'order'", ['wf-4', 'wf-1', 'wf-2', 'wf-5']],
    ["WorkflowType NOT STARTS_WITH 'order'", ['wf-3']],
    ['CustomBool = false', ['wf-2']],
    ['CustomBool IN (true)', ['wf-1']],
    ["CustomDatetime > '2024-01-04T00:00:00Z'", ['wf-1']],
    ['CustomDouble >= 2.5', ['wf-4']],
    ['ParentWorkflowId IS NOT NULL', ['wf-3']],
    ['CustomInt IS NULL', ['wf-4', 'wf-3']],
    ["NOT (CustomInt > 6 OR ExecutionStatus = 'Failed')", ['wf-4', 'wf-1']],
    ["ExecutionDuration > '12h'", ['wf-3', 'wf-2', 'wf-5']],
    ["ExecutionDuration < '12h'", []],
    ['HistoryLength > 1.5', []],
    ['ORDER BY CustomInt DESC', ['wf-2', 'wf-5', 'wf-1', 'wf-3', 'wf-4']],
    ['ORDER BY CustomKeyword', ['wf-1', 'wf-2', 'wf-3', 'wf-4', 'wf-5']],
    ["WorkflowType = 'order' ORDER BY StartTime", ['wf-1', 'wf-2', 'wf-5']],
  ])('%s', async (filter, expected) => {
    expect(await workflowIds(filter)).toEqual(expected);
  });
});

describe('keyset paging on Postgres', () => {
  async function pageThrough(filter: string, pageSize: number): Promise<string[]> {
    const sql = toSqlQuery(
      compileListFilter(filter, { customAttributes, purpose: 'list' }),
      VISIBILITY_RECORDS_LAYOUT,
    );
    // Cursor values are read as text: a JS Date would drop timestamptz microseconds.
    const keys = sql.orderKeys.map((key, index) => `(${key.expression})::text AS k${index}`).join(', ');
    const seen: string[] = [];
    let cursor: (TypedValue | null)[] | undefined;
    for (let page = 0; page < 10; page += 1) {
      const after =
        cursor === undefined ? undefined : toSqlKeysetCondition(sql.orderKeys, cursor, sql.values.length + 1);
      const result = await pool.query<Record<string, unknown>>(
        `SELECT workflow_id, ${keys} FROM visibility_records WHERE (${sql.where})` +
          `${after === undefined ? '' : ` AND (${after.text})`} ORDER BY ${sql.orderBy} LIMIT ${pageSize}`,
        [...sql.values, ...(after?.values ?? [])],
      );
      seen.push(...result.rows.map((row) => String(row.workflow_id)));
      const last = result.rows.at(-1);
      if (result.rows.length < pageSize || last === undefined) return seen;
      cursor = sql.orderKeys.map((_, index) => cursorValue(last[`k${index}`]));
    }
    throw new Error('paging did not finish');
  }

  function cursorValue(value: unknown): TypedValue | null {
    if (value === null || value === undefined) return null;
    return value as TypedValue;
  }

  it.each([
    ['', 2],
    ['', 1],
    ['ORDER BY CustomInt DESC', 2],
    ['ORDER BY CustomKeyword DESC, CloseTime', 1],
  ])('%s in pages of %i gives the same rows as one query', async (filter, pageSize) => {
    expect(await pageThrough(filter, pageSize)).toEqual(await workflowIds(filter));
  });
});
