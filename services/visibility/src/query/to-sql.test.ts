import { describe, expect, it } from 'vitest';
import { compileListFilter } from './check-query.ts';
import { toSqlKeysetCondition } from './sql-keyset.ts';
import { VISIBILITY_RECORDS_LAYOUT } from './sql-layout.ts';
import { toSqlQuery, toSqlWhere } from './to-sql.ts';

const customAttributes = {
  CustomKeyword: 'Keyword',
  CustomText: 'Text',
  CustomInt: 'Int',
  CustomDouble: 'Double',
  CustomBool: 'Bool',
  CustomDatetime: 'Datetime',
  CustomList: 'KeywordList',
} as const;

function sqlWhere(text: string, firstParameter = 1) {
  return toSqlWhere(
    compileListFilter(text, { customAttributes, purpose: 'list' }),
    VISIBILITY_RECORDS_LAYOUT,
    firstParameter,
  );
}

function sqlQuery(text: string) {
  return toSqlQuery(
    compileListFilter(text, { customAttributes, purpose: 'list' }),
    VISIBILITY_RECORDS_LAYOUT,
  );
}

describe('toSqlWhere: system attributes use typed columns', () => {
  it.each([
    ['', 'TRUE', []],
    ["WorkflowId = 'a'", 'workflow_id = $1::text', ['a']],
    ["WorkflowId != 'a'", 'workflow_id <> $1::text', ['a']],
    ["ExecutionStatus = 'Running'", 'status = $1::text', ['Running']],
    ['ExecutionStatus != 3', 'status <> $1::text', ['Failed']],
    ["StartTime >= '2021-06-07T16:46:34-08:00'", 'start_time >= $1::timestamptz', ['2021-06-08T00:46:34Z']],
    ["CloseTime < '2021-06-07T00:00:00Z'", 'close_time < $1::timestamptz', ['2021-06-07T00:00:00Z']],
    [
      "CloseTime != '2021-06-07T00:00:00Z'",
      'NOT coalesce(close_time = $1::timestamptz, false)',
      ['2021-06-07T00:00:00Z'],
    ],
    ['HistoryLength > 10', 'history_length > $1::bigint', [10n]],
    ['HistoryLength > 1.5', 'history_length > $1::numeric', [1.5]],
    ["ExecutionDuration <= '1h'", 'execution_duration <= $1::bigint', [3_600_000_000_000n]],
    ["WorkflowType IN ('a', 'b')", 'workflow_type IN ($1::text, $2::text)', ['a', 'b']],
    ["WorkflowType NOT IN ('a')", 'NOT (workflow_type IN ($1::text))', ['a']],
    ["ParentWorkflowId NOT IN ('a')", 'NOT coalesce(parent_workflow_id IN ($1::text), false)', ['a']],
    [
      "StartTime BETWEEN '2021-01-01T00:00:00Z' AND '2022-01-01T00:00:00Z'",
      'start_time BETWEEN $1::timestamptz AND $2::timestamptz',
      ['2021-01-01T00:00:00Z', '2022-01-01T00:00:00Z'],
    ],
    [
      'HistoryLength NOT BETWEEN 1 AND 5',
      'NOT coalesce(history_length BETWEEN $1::bigint AND $2::bigint, false)',
      [1n, 5n],
    ],
    ["WorkflowId STARTS_WITH 'order_1%'", 'workflow_id LIKE $1::text', ['order\\_1\\%%']],
    ["WorkflowId NOT STARTS_WITH 'a\\\\b'", 'NOT (workflow_id LIKE $1::text)', ['a\\\\b%']],
    ['CloseTime IS NULL', 'close_time IS NULL', []],
    ['CloseTime IS NOT NULL', 'close_time IS NOT NULL', []],
  ])('%s', (text, expectedText, expectedValues) => {
    expect(sqlWhere(text)).toEqual({ text: expectedText, values: expectedValues });
  });
});

describe('toSqlWhere: other attributes read the search_attributes jsonb column', () => {
  it.each([
    [
      "CustomKeyword = 'a'",
      'search_attributes @> jsonb_build_object($1::text, $2::text)',
      ['CustomKeyword', 'a'],
    ],
    [
      "CustomKeyword != 'a'",
      'NOT (search_attributes @> jsonb_build_object($1::text, $2::text))',
      ['CustomKeyword', 'a'],
    ],
    ["CustomKeyword > 'a'", '(search_attributes ->> $1::text) > $2::text', ['CustomKeyword', 'a']],
    [
      'CustomBool = false',
      'search_attributes @> jsonb_build_object($1::text, $2::boolean)',
      ['CustomBool', false],
    ],
    [
      'CustomBool IN (true)',
      '(search_attributes ->> $1::text)::boolean IN ($2::boolean)',
      ['CustomBool', true],
    ],
    ['CustomInt = 5', '(search_attributes ->> $1::text)::numeric = $2::numeric', ['CustomInt', 5n]],
    [
      'CustomInt != 5',
      'NOT coalesce((search_attributes ->> $1::text)::numeric = $2::numeric, false)',
      ['CustomInt', 5n],
    ],
    [
      'CustomDouble <= 2.5',
      '(search_attributes ->> $1::text)::numeric <= $2::numeric',
      ['CustomDouble', 2.5],
    ],
    [
      "CustomDatetime > '2024-01-01T00:00:00Z'",
      '(search_attributes ->> $1::text)::timestamptz > $2::timestamptz',
      ['CustomDatetime', '2024-01-01T00:00:00Z'],
    ],
    [
      "CustomText = 'foo bar'",
      "to_tsvector('simple', (search_attributes ->> $1::text)) @@ to_tsquery('simple', replace(plainto_tsquery('simple', $2::text)::text, ' & ', ' | '))",
      ['CustomText', 'foo bar'],
    ],
    [
      "CustomText != 'foo'",
      "NOT coalesce(to_tsvector('simple', (search_attributes ->> $1::text)) @@ to_tsquery('simple', replace(plainto_tsquery('simple', $2::text)::text, ' & ', ' | ')), false)",
      ['CustomText', 'foo'],
    ],
    [
      "CustomList = 'a'",
      'search_attributes @> jsonb_build_object($1::text, jsonb_build_array($2::text))',
      ['CustomList', 'a'],
    ],
    [
      "CustomList != 'a'",
      'NOT (search_attributes @> jsonb_build_object($1::text, jsonb_build_array($2::text)))',
      ['CustomList', 'a'],
    ],
    [
      "CustomList IN ('a', 'b')",
      '(search_attributes -> $1::text) ?| ARRAY[$2::text, $3::text]',
      ['CustomList', 'a', 'b'],
    ],
    [
      "CustomList NOT IN ('a')",
      'NOT coalesce((search_attributes -> $1::text) ?| ARRAY[$2::text], false)',
      ['CustomList', 'a'],
    ],
    [
      "BuildIds = 'b1'",
      'search_attributes @> jsonb_build_object($1::text, jsonb_build_array($2::text))',
      ['BuildIds', 'b1'],
    ],
    [
      'SchedulePaused = true',
      'search_attributes @> jsonb_build_object($1::text, $2::boolean)',
      ['TemporalSchedulePaused', true],
    ],
    [
      "CustomKeyword STARTS_WITH 'x'",
      '(search_attributes ->> $1::text) LIKE $2::text',
      ['CustomKeyword', 'x%'],
    ],
    ['CustomInt IS NULL', 'NOT (search_attributes ? $1::text)', ['CustomInt']],
    ['CustomInt IS NOT NULL', 'search_attributes ? $1::text', ['CustomInt']],
  ])('%s', (text, expectedText, expectedValues) => {
    expect(sqlWhere(text)).toEqual({ text: expectedText, values: expectedValues });
  });

  it('never puts a value or a custom name into the SQL text', () => {
    const custom = { "x'); DROP TABLE t; --": 'Keyword' } as const;
    const query = compileListFilter("`x'); DROP TABLE t; --` = 'y''); DROP TABLE t; --'", {
      customAttributes: custom,
      purpose: 'list',
    });
    const { text, values } = toSqlWhere(query, VISIBILITY_RECORDS_LAYOUT);
    expect(text).toBe('search_attributes @> jsonb_build_object($1::text, $2::text)');
    expect(values).toEqual(["x'); DROP TABLE t; --", "y'); DROP TABLE t; --"]);
  });
});

describe('toSqlWhere: logic', () => {
  it('joins AND/OR with parentheses where needed and numbers parameters in order from firstParameter', () => {
    expect(
      sqlWhere("WorkflowId = 'a' AND (WorkflowType = 'b' OR TaskQueue = 'c' AND HistoryLength > 1)", 3),
    ).toEqual({
      text: 'workflow_id = $3::text AND (workflow_type = $4::text OR (task_queue = $5::text AND history_length > $6::bigint))',
      values: ['a', 'b', 'c', 1n],
    });
  });

  it('negates compound conditions treating NULL as false, so missing attributes match the negation', () => {
    expect(sqlWhere("NOT (CloseTime > '2024-01-01T00:00:00Z' OR WorkflowId = 'a')")).toEqual({
      text: 'NOT coalesce(close_time > $1::timestamptz OR workflow_id = $2::text, false)',
      values: ['2024-01-01T00:00:00Z', 'a'],
    });
    expect(sqlWhere("NOT WorkflowId = 'a'")).toEqual({ text: 'NOT (workflow_id = $1::text)', values: ['a'] });
    expect(sqlWhere("NOT NOT WorkflowId = 'a'")).toEqual({
      text: 'NOT (NOT (workflow_id = $1::text))',
      values: ['a'],
    });
  });
});

describe('toSqlQuery: ORDER BY', () => {
  it("uses Temporal's default order with run_id as tiebreak", () => {
    expect(sqlQuery("WorkflowId = 'a'")).toEqual({
      where: 'workflow_id = $1::text',
      orderBy: 'close_time DESC NULLS FIRST, start_time DESC NULLS LAST, run_id ASC NULLS LAST',
      orderKeys: [
        { expression: 'close_time', direction: 'DESC', nullsFirst: true, cast: 'timestamptz' },
        { expression: 'start_time', direction: 'DESC', nullsFirst: false, cast: 'timestamptz' },
        { expression: 'run_id', direction: 'ASC', nullsFirst: false, cast: 'text' },
      ],
      values: ['a'],
    });
  });

  it('sorts explicit orders with missing values last, sharing parameters with WHERE', () => {
    expect(sqlQuery("CustomKeyword = 'a' ORDER BY CustomInt DESC, WorkflowId")).toEqual({
      where: 'search_attributes @> jsonb_build_object($1::text, $2::text)',
      orderBy:
        '(search_attributes ->> $3::text)::numeric DESC NULLS LAST, workflow_id ASC NULLS LAST, run_id ASC NULLS LAST',
      orderKeys: [
        {
          expression: '(search_attributes ->> $3::text)::numeric',
          direction: 'DESC',
          nullsFirst: false,
          cast: 'numeric',
        },
        { expression: 'workflow_id', direction: 'ASC', nullsFirst: false, cast: 'text' },
        { expression: 'run_id', direction: 'ASC', nullsFirst: false, cast: 'text' },
      ],
      values: ['CustomKeyword', 'a', 'CustomInt'],
    });
  });

  it('does not repeat the tiebreak when the order already ends with RunId', () => {
    expect(sqlQuery('ORDER BY RunId DESC').orderBy).toBe('run_id DESC NULLS LAST');
  });
});

describe('toSqlKeysetCondition', () => {
  it('pages after the cursor over the default order (cursor on an open execution)', () => {
    const { orderKeys } = sqlQuery('');
    expect(toSqlKeysetCondition(orderKeys, [null, '2024-01-01T00:00:00Z', 'run-1'], 4)).toEqual({
      text:
        '(close_time IS NOT NULL) OR ' +
        '(close_time IS NULL AND (start_time < $4::timestamptz OR start_time IS NULL)) OR ' +
        '(close_time IS NULL AND start_time = $5::timestamptz AND (run_id > $6::text OR run_id IS NULL))',
      values: ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'run-1'],
    });
  });

  it('pages after a closed execution: only later-closed or earlier rows follow', () => {
    const { orderKeys } = sqlQuery('');
    expect(
      toSqlKeysetCondition(orderKeys, ['2024-02-01T00:00:00Z', '2024-01-01T00:00:00Z', 'r'], 1).text,
    ).toBe(
      '(close_time < $1::timestamptz) OR ' +
        '(close_time = $2::timestamptz AND (start_time < $3::timestamptz OR start_time IS NULL)) OR ' +
        '(close_time = $4::timestamptz AND start_time = $5::timestamptz AND (run_id > $6::text OR run_id IS NULL))',
    );
  });

  it('skips keys whose NULL cursor sorts last, and refuses a cursor of the wrong length', () => {
    const { orderKeys } = sqlQuery('ORDER BY CustomInt');
    expect(toSqlKeysetCondition(orderKeys, [null, 'r'], 2)).toEqual({
      text: '((search_attributes ->> $1::text)::numeric IS NULL AND (run_id > $2::text OR run_id IS NULL))',
      values: ['r'],
    });
    expect(() => toSqlKeysetCondition(orderKeys, ['r'], 2)).toThrow(
      'keyset cursor has 1 values for 2 sort keys',
    );
  });
});
