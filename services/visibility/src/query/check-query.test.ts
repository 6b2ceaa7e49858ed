import { describe, expect, it } from 'vitest';
import { compileListFilter, type CheckOptions } from './check-query.ts';
import type { CheckedExpression, TypedValue } from './checked-tree.ts';
import { ParseError } from './parse-error.ts';
import type { SearchAttributeType } from './search-attributes.ts';

const customAttributes: Record<string, SearchAttributeType> = {
  CustomKeyword: 'Keyword',
  CustomText: 'Text',
  CustomInt: 'Int',
  CustomDouble: 'Double',
  CustomBool: 'Bool',
  CustomDatetime: 'Datetime',
  CustomList: 'KeywordList',
  // Shadows the alias of the predefined TemporalScheduledById.
  ScheduledById: 'Int',
};
const list: CheckOptions = { customAttributes, purpose: 'list' };
const count: CheckOptions = { customAttributes, purpose: 'count' };

function where(text: string, options: CheckOptions = list): CheckedExpression | undefined {
  return compileListFilter(text, options).where;
}

function valueOf(text: string): TypedValue {
  const expression = where(text);
  if (expression?.kind !== 'compare') throw new Error(`not a comparison: ${text}`);
  return expression.value;
}

function failure(text: string, options: CheckOptions = list): ParseError {
  try {
    compileListFilter(text, options);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected a ParseError for: ${text}`);
}

// One sample value per type, for the operator table below.
const SAMPLES: Record<SearchAttributeType, [attribute: string, value: string, other: string]> = {
  Keyword: ['CustomKeyword', "'a'", "'b'"],
  Text: ['CustomText', "'a'", "'b'"],
  Int: ['CustomInt', '1', '2'],
  Double: ['CustomDouble', '1.5', '2'],
  Bool: ['CustomBool', 'true', 'false'],
  Datetime: ['CustomDatetime', "'2024-01-01T00:00:00Z'", "'2024-02-01T00:00:00Z'"],
  KeywordList: ['CustomList', "'a'", "'b'"],
};

// Temporal Cloud's published rules: Text only = and !=; KeywordList = != IN NOT IN; ranges on
// Datetime, Double, Int, Keyword; STARTS_WITH on Keyword; IS [NOT] NULL everywhere.
const ALLOWED: Record<string, SearchAttributeType[]> = {
  '=': ['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
  '!=': ['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
  '>': ['Keyword', 'Int', 'Double', 'Datetime'],
  '>=': ['Keyword', 'Int', 'Double', 'Datetime'],
  '<': ['Keyword', 'Int', 'Double', 'Datetime'],
  '<=': ['Keyword', 'Int', 'Double', 'Datetime'],
  IN: ['Keyword', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
  'NOT IN': ['Keyword', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
  BETWEEN: ['Keyword', 'Int', 'Double', 'Datetime'],
  'NOT BETWEEN': ['Keyword', 'Int', 'Double', 'Datetime'],
  STARTS_WITH: ['Keyword'],
  'NOT STARTS_WITH': ['Keyword'],
  'IS NULL': ['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
  'IS NOT NULL': ['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'],
};

function filterFor(operator: string, type: SearchAttributeType): string {
  const [attribute, value, other] = SAMPLES[type];
  if (operator.endsWith('IN')) return `${attribute} ${operator} (${value}, ${other})`;
  if (operator.endsWith('BETWEEN')) return `${attribute} ${operator} ${value} AND ${other}`;
  if (operator.startsWith('IS')) return `${attribute} ${operator}`;
  if (operator.endsWith('STARTS_WITH')) return `${attribute} ${operator} 'a'`;
  return `${attribute} ${operator} ${value}`;
}

describe('operator rules by search attribute type', () => {
  const cases = Object.entries(ALLOWED).flatMap(([operator, allowed]) =>
    (Object.keys(SAMPLES) as SearchAttributeType[]).map(
      (type) => [operator, type, allowed.includes(type)] as const,
    ),
  );
  it.each(cases)('%s on %s allowed: %s', (operator, type, allowed) => {
    const text = filterFor(operator, type);
    if (allowed) {
      expect(() => compileListFilter(text, list)).not.toThrow();
    } else {
      const error = failure(text);
      expect(error.problem).toBe(
        `operator ${operator} is not supported for ${type} attribute '${SAMPLES[type][0]}'`,
      );
      expect(error.position).toBe(1);
    }
  });

  it('applies the rules to system attributes by their type', () => {
    expect(failure("  WorkflowId STARTS_WITH 'a' AND HistoryLength STARTS_WITH 'a'").problem).toBe(
      "operator STARTS_WITH is not supported for Int attribute 'HistoryLength'",
    );
    expect(failure("BuildIds > 'a'").problem).toBe(
      "operator > is not supported for KeywordList attribute 'BuildIds'",
    );
  });
});

describe('search attribute resolution', () => {
  it('resolves system, predefined, custom and Temporal-prefix aliases, case-sensitively', () => {
    expect(where("WorkflowId = 'a'")).toMatchObject({
      attribute: { name: 'WorkflowId', type: 'Keyword', kind: 'system' },
    });
    expect(where('TemporalSchedulePaused = true')).toMatchObject({
      attribute: { name: 'TemporalSchedulePaused', type: 'Bool', kind: 'predefined' },
    });
    expect(where('SchedulePaused = true')).toMatchObject({
      attribute: { name: 'TemporalSchedulePaused', type: 'Bool', kind: 'predefined' },
    });
    expect(where('ScheduledById = 5')).toMatchObject({
      attribute: { name: 'ScheduledById', type: 'Int', kind: 'custom' },
    });
    expect(where("TemporalScheduledById = 'x'")).toMatchObject({ attribute: { kind: 'predefined' } });
    expect(where("CustomList = 'a'")).toMatchObject({
      attribute: { name: 'CustomList', type: 'KeywordList', kind: 'custom' },
    });
  });

  it.each([
    ["Foo = 'a'", "unknown search attribute 'Foo'", 1],
    ["workflowid = 'a'", "unknown search attribute 'workflowid'", 1],
    ["WorkflowId = 'a' AND NamespaceId = 'x'", "unknown search attribute 'NamespaceId'", 22],
    ["Memo = 'x'", "unknown search attribute 'Memo'", 1],
    ['ORDER BY Nope', "unknown search attribute 'Nope'", 10],
  ])('%s', (text, problem, position) => {
    const error = failure(text);
    expect([error.problem, error.position]).toEqual([problem, position]);
  });

  it('collects the canonical names the filter mentions', () => {
    const query = compileListFilter(
      "SchedulePaused = true AND (WorkflowId = 'a' OR CustomInt > 1) ORDER BY StartTime",
      list,
    );
    expect([...query.referencedAttributes].sort()).toEqual([
      'CustomInt',
      'StartTime',
      'TemporalSchedulePaused',
      'WorkflowId',
    ]);
  });
});

describe('value coercion', () => {
  it('normalises datetimes to UTC RFC 3339 and accepts Unix nanoseconds', () => {
    expect(valueOf("StartTime > '2021-06-07T16:46:34.236-08:00'")).toBe('2021-06-08T00:46:34.236Z');
    expect(valueOf("StartTime > '2021-06-07T16:46:34+05:30'")).toBe('2021-06-07T11:16:34Z');
    expect(valueOf("StartTime > '2021-06-07T16:46:34.123456789Z'")).toBe('2021-06-07T16:46:34.123456789Z');
    expect(valueOf("StartTime > '2021-06-07T16:46:34.500000Z'")).toBe('2021-06-07T16:46:34.5Z');
    expect(valueOf("StartTime > '2024-02-29T00:00:00Z'")).toBe('2024-02-29T00:00:00Z');
    expect(valueOf('StartTime > 1700000000123456789')).toBe('2023-11-14T22:13:20.123456789Z');
    expect(valueOf('StartTime > -1')).toBe('1969-12-31T23:59:59.999999999Z');
    // Every int64 is a representable instant (1677–2262).
    expect(valueOf('CustomDatetime < 9223372036854775807')).toBe('2262-04-11T23:47:16.854775807Z');
    expect(valueOf('CustomDatetime > -9223372036854775808')).toBe('1677-09-21T00:12:43.145224192Z');
  });

  it.each([
    "'2021-06-07'",
    "'2021-06-07 16:46:34Z'",
    "'2021-06-07T16:46:34'",
    "'2021-13-07T16:46:34Z'",
    "'2023-02-29T00:00:00Z'",
    "'2021-06-07T24:00:00Z'",
    "'2021-06-07T16:46:34+25:00'",
    "'yesterday'",
  ])('rejects datetime %s', (value) => {
    const error = failure(`StartTime > ${value}`);
    expect(error.problem).toBe(
      `invalid datetime ${value} for 'StartTime' (expected RFC 3339, e.g. '2021-06-07T16:46:34.236-08:00')`,
    );
    expect(error.position).toBe(13);
  });

  it('validates ExecutionStatus names and enum numbers', () => {
    expect(valueOf("ExecutionStatus = 'ContinuedAsNew'")).toBe('ContinuedAsNew');
    expect(valueOf('ExecutionStatus = 1')).toBe('Running');
    expect(valueOf('ExecutionStatus = 7')).toBe('TimedOut');
    expect(where("ExecutionStatus IN ('Failed', 5)")).toMatchObject({ values: ['Failed', 'Terminated'] });
    const expected =
      'expected one of Running, Completed, Failed, Canceled, Terminated, ContinuedAsNew, TimedOut';
    for (const bad of ["'running'", "'Bogus'", '0', '8', 'true']) {
      expect(failure(`ExecutionStatus = ${bad}`).problem).toBe(
        `invalid ExecutionStatus value ${bad.replace(/^(\d+|true)$/, '$1')} (${expected})`,
      );
    }
  });

  it('reads ExecutionDuration as nanoseconds, Go durations or hh:mm:ss', () => {
    expect(valueOf('ExecutionDuration > 1000')).toBe(1000n);
    expect(valueOf("ExecutionDuration > '1000'")).toBe(1000n);
    expect(valueOf("ExecutionDuration > '1h'")).toBe(3_600_000_000_000n);
    expect(valueOf("ExecutionDuration > '30m'")).toBe(1_800_000_000_000n);
    expect(valueOf("ExecutionDuration > '1.5h'")).toBe(5_400_000_000_000n);
    expect(valueOf("ExecutionDuration > '2h45m10s'")).toBe(9_910_000_000_000n);
    expect(valueOf("ExecutionDuration > '300ms'")).toBe(300_000_000n);
    expect(valueOf("ExecutionDuration > '1d'")).toBe(86_400_000_000_000n);
    expect(valueOf("ExecutionDuration > '-1h'")).toBe(-3_600_000_000_000n);
    expect(valueOf("ExecutionDuration > '01:00:30'")).toBe(3_630_000_000_000n);
    for (const bad of ["'abc'", "'1x'", "'h'", "'1:60:00'", "''", '1.5', 'true']) {
      expect(failure(`ExecutionDuration > ${bad}`).problem).toBe(
        `invalid ExecutionDuration value ${bad} (expected nanoseconds, a duration such as '1h30m' or '90s', or 'hh:mm:ss')`,
      );
    }
  });

  it('keeps Int exact as bigint, converts Double to number, checks Bool and strings', () => {
    expect(valueOf('CustomInt = 9007199254740993')).toBe(9007199254740993n);
    expect(valueOf('HistoryLength > 1.5')).toBe(1.5);
    expect(valueOf('CustomDouble = 2')).toBe(2);
    expect(valueOf('CustomDouble = -2.5')).toBe(-2.5);
    expect(valueOf('CustomBool = TRUE')).toBe(true);
    expect(valueOf("CustomText = 'foo bar'")).toBe('foo bar');
  });

  it.each([
    ["CustomInt = 'abc'", "invalid value 'abc' for Int attribute 'CustomInt' (expected a number)", 13],
    ['CustomDouble = true', "invalid value true for Double attribute 'CustomDouble' (expected a number)", 16],
    [
      "CustomBool = 'true'",
      "invalid value 'true' for Bool attribute 'CustomBool' (expected true or false)",
      14,
    ],
    ['CustomBool = 1', "invalid value 1 for Bool attribute 'CustomBool' (expected true or false)", 14],
    ['WorkflowId = 5', "invalid value 5 for Keyword attribute 'WorkflowId' (expected a string)", 14],
    ['CustomList IN (1)', "invalid value 1 for KeywordList attribute 'CustomList' (expected a string)", 16],
    ['CustomText = 1', "invalid value 1 for Text attribute 'CustomText' (expected a string)", 14],
    ["CustomText = '   '", "no words to match in '   ' for Text attribute 'CustomText'", 14],
    [
      'CustomDatetime = true',
      "invalid value true for Datetime attribute 'CustomDatetime' (expected an RFC 3339 string or Unix nanoseconds)",
      18,
    ],
    ['WorkflowId STARTS_WITH 1', 'STARTS_WITH needs a string, found 1', 24],
    [
      "CustomInt BETWEEN 1 AND 'x'",
      "invalid value 'x' for Int attribute 'CustomInt' (expected a number)",
      25,
    ],
  ])('%s', (text, problem, position) => {
    const error = failure(text);
    expect([error.problem, error.position]).toEqual([problem, position]);
  });
});

describe('ORDER BY and GROUP BY', () => {
  it('accepts ORDER BY on sortable types and refuses Text and KeywordList', () => {
    expect(compileListFilter('ORDER BY CustomInt DESC, WorkflowId', list).orderBy).toEqual([
      { attribute: { name: 'CustomInt', type: 'Int', kind: 'custom' }, direction: 'desc' },
      { attribute: { name: 'WorkflowId', type: 'Keyword', kind: 'system' }, direction: 'asc' },
    ]);
    expect(failure('ORDER BY CustomText').problem).toBe("cannot sort by Text attribute 'CustomText'");
    expect(failure('ORDER BY StartTime, CustomList').problem).toBe(
      "cannot sort by KeywordList attribute 'CustomList'",
    );
    expect(failure('ORDER BY StartTime, CustomList').position).toBe(21);
  });

  it('allows GROUP BY ExecutionStatus only when counting', () => {
    expect(compileListFilter("TaskQueue = 'q' GROUP BY ExecutionStatus", count).groupBy).toEqual([
      { name: 'ExecutionStatus', type: 'Keyword', kind: 'system' },
    ]);
    expect(failure('GROUP BY ExecutionStatus', list).problem).toBe(
      "'GROUP BY' is only supported when counting workflow executions",
    );
    expect(failure('GROUP BY WorkflowType', count).problem).toBe(
      "'GROUP BY' is only supported for ExecutionStatus, not 'WorkflowType'",
    );
    expect(failure('GROUP BY ExecutionStatus, TaskQueue', count)).toMatchObject({
      problem: "'GROUP BY' supports only a single search attribute",
      position: 27,
    });
    expect(failure('ORDER BY StartTime', count).problem).toBe("'ORDER BY' is not supported when counting");
  });
});
