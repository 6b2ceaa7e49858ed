import { describe, expect, it } from 'vitest';
import { ParseError } from './parse-error.ts';
import { parseListFilter } from './parser.ts';
import { stripPositions } from './strip-positions.ts';
import type { Expression, Literal, SyntaxQuery } from './syntax-tree.ts';

const name = (attribute: string) => ({ name: attribute, position: 0 });
const str = (value: string): Literal => ({ kind: 'string', value, position: 0 });
const int = (value: bigint): Literal => ({ kind: 'integer', value, position: 0 });
const eq = (attribute: string, value: Literal): Expression => ({
  kind: 'compare',
  attribute: name(attribute),
  operator: '=',
  value,
});
const where = (text: string): Expression | undefined => stripPositions(parseListFilter(text)).where;

function parseError(text: string): ParseError {
  try {
    parseListFilter(text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected a ParseError for: ${text}`);
}

describe('parseListFilter: constructs', () => {
  it('parses an empty filter as no condition and default order', () => {
    expect(parseListFilter('')).toEqual({ where: undefined, orderBy: [], groupBy: [] });
    expect(parseListFilter('   ')).toEqual({ where: undefined, orderBy: [], groupBy: [] });
  });

  it('parses every comparison operator, with <> as !=', () => {
    for (const [written, operator] of [
      ['=', '='],
      ['!=', '!='],
      ['<>', '!='],
      ['>', '>'],
      ['>=', '>='],
      ['<', '<'],
      ['<=', '<='],
    ] as const) {
      expect(where(`HistoryLength ${written} 5`)).toEqual({
        kind: 'compare',
        attribute: name('HistoryLength'),
        operator,
        value: int(5n),
      });
    }
  });

  it('records 1-based positions of names, values and NOT', () => {
    expect(parseListFilter("NOT WorkflowId = 'a'").where).toEqual({
      kind: 'not',
      position: 1,
      operand: {
        kind: 'compare',
        attribute: { name: 'WorkflowId', position: 5 },
        operator: '=',
        value: { kind: 'string', value: 'a', position: 18 },
      },
    });
  });

  it('parses literals: strings in both quotes with escapes, integers, floats, signs, booleans', () => {
    const value = (text: string) => {
      const expression = where(`X = ${text}`);
      return expression?.kind === 'compare' ? expression.value : undefined;
    };
    expect(value(`'it''s'`)).toEqual(str("it's"));
    expect(value(`"say ""hi"""`)).toEqual(str('say "hi"'));
    expect(value(`'a\\'b\\\\c\\nd'`)).toEqual(str("a'b\\c\nd"));
    expect(value(`"tab\\tq\\"x\\%"`)).toEqual(str('tab\tq"x%'));
    expect(value('42')).toEqual(int(42n));
    expect(value('-42')).toEqual(int(-42n));
    expect(value('+ 7')).toEqual(int(7n));
    expect(value('9223372036854775807')).toEqual(int(9223372036854775807n));
    expect(value('-9223372036854775808')).toEqual(int(-9223372036854775808n));
    expect(value('1.5')).toEqual({ kind: 'float', value: 1.5, position: 0 });
    expect(value('-.5')).toEqual({ kind: 'float', value: -0.5, position: 0 });
    expect(value('1e3')).toEqual({ kind: 'float', value: 1000, position: 0 });
    expect(value('2.5E-2')).toEqual({ kind: 'float', value: 0.025, position: 0 });
    expect(value('true')).toEqual({ kind: 'boolean', value: true, position: 0 });
    expect(value('FALSE')).toEqual({ kind: 'boolean', value: false, position: 0 });
  });

  it('parses IN and NOT IN lists', () => {
    expect(where('WorkflowId IN (\'a\', "b")')).toEqual({
      kind: 'in',
      attribute: name('WorkflowId'),
      negated: false,
      values: [str('a'), str('b')],
    });
    expect(where('HistoryLength not in (1)')).toEqual({
      kind: 'in',
      attribute: name('HistoryLength'),
      negated: true,
      values: [int(1n)],
    });
  });

  it('parses BETWEEN and NOT BETWEEN without confusing their AND with the logical one', () => {
    expect(where("StartTime BETWEEN 'a' AND 'b' AND WorkflowId = 'c'")).toEqual({
      kind: 'and',
      operands: [
        { kind: 'between', attribute: name('StartTime'), negated: false, low: str('a'), high: str('b') },
        eq('WorkflowId', str('c')),
      ],
    });
    expect(where('HistoryLength NOT BETWEEN 1 AND 2')).toMatchObject({ kind: 'between', negated: true });
  });

  it('parses STARTS_WITH, NOT STARTS_WITH, IS NULL and IS NOT NULL', () => {
    expect(where("WorkflowType STARTS_WITH 'order-'")).toEqual({
      kind: 'startsWith',
      attribute: name('WorkflowType'),
      negated: false,
      prefix: str('order-'),
    });
    expect(where("WorkflowType not starts_with 'x'")).toMatchObject({ kind: 'startsWith', negated: true });
    expect(where('CloseTime IS NULL')).toEqual({
      kind: 'isNull',
      attribute: name('CloseTime'),
      negated: false,
    });
    expect(where('CloseTime is not null')).toEqual({
      kind: 'isNull',
      attribute: name('CloseTime'),
      negated: true,
    });
  });

  it('gives NOT > AND > OR precedence and flattens chains', () => {
    expect(where('A = 1 OR B = 2 AND NOT C = 3 OR D = 4')).toEqual({
      kind: 'or',
      operands: [
        eq('A', int(1n)),
        {
          kind: 'and',
          operands: [eq('B', int(2n)), { kind: 'not', position: 0, operand: eq('C', int(3n)) }],
        },
        eq('D', int(4n)),
      ],
    });
    expect(where('(A = 1 AND B = 2) AND C = 3')).toEqual({
      kind: 'and',
      operands: [eq('A', int(1n)), eq('B', int(2n)), eq('C', int(3n))],
    });
  });

  it('honours parentheses and double NOT', () => {
    expect(where('(A = 1 OR B = 2) AND C = 3')).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [eq('A', int(1n)), eq('B', int(2n))] }, eq('C', int(3n))],
    });
    expect(where('NOT NOT ((A = 1))')).toEqual({
      kind: 'not',
      position: 0,
      operand: { kind: 'not', position: 0, operand: eq('A', int(1n)) },
    });
  });

  it('accepts backtick-quoted names, keywords in any case, comments and a trailing semicolon', () => {
    expect(where('`Custom Attr` = 1')).toEqual(eq('Custom Attr', int(1n)));
    expect(where('`a``b` = 1')).toEqual(eq('a`b', int(1n)));
    expect(where('`Order` = 1')).toEqual(eq('Order', int(1n)));
    expect(where('A = 1 /* why */ aNd -- rest of line\n B = 2 # more\n;')).toEqual({
      kind: 'and',
      operands: [eq('A', int(1n)), eq('B', int(2n))],
    });
  });

  it('parses ORDER BY with directions and GROUP BY', () => {
    const query: SyntaxQuery = stripPositions(
      parseListFilter("WorkflowId = 'a' ORDER BY StartTime DESC, WorkflowType, `RunId` asc"),
    );
    expect(query.orderBy).toEqual([
      { attribute: name('StartTime'), direction: 'desc' },
      { attribute: name('WorkflowType'), direction: 'asc' },
      { attribute: name('RunId'), direction: 'asc' },
    ]);
    expect(stripPositions(parseListFilter('order by CloseTime'))).toEqual({
      where: undefined,
      groupBy: [],
      orderBy: [{ attribute: name('CloseTime'), direction: 'asc' }],
    });
    expect(stripPositions(parseListFilter("TaskQueue = 'q' GROUP BY ExecutionStatus"))).toEqual({
      where: eq('TaskQueue', str('q')),
      groupBy: [name('ExecutionStatus')],
      orderBy: [],
    });
    expect(parseListFilter('GROUP BY ExecutionStatus').groupBy).toEqual([
      { name: 'ExecutionStatus', position: 10 },
    ]);
  });
});

describe('parseListFilter: syntax errors name the problem and its 1-based position', () => {
  it.each([
    ['WorkflowId = ', "expected a value after '=', found end of query", 14],
    ["WorkflowId = 'a", 'unterminated string', 14],
    ['`Workflow', 'unterminated quoted name', 1],
    ['`` = 1', 'empty quoted name', 1],
    ["(WorkflowId = 'a'", "expected ')' to close the '(' at position 1, found end of query", 18],
    ["WorkflowId = 'a' AND", 'expected a search attribute name, found end of query', 21],
    ["WorkflowId = 'a' OR )", "expected a search attribute name, found ')'", 21],
    ['WorkflowId', "expected an operator after 'WorkflowId', found end of query", 11],
    ["WorkflowId == 'a'", "expected a value after '=', found '='", 13],
    [
      "'a' = WorkflowId",
      "expected a search attribute name, found string 'a' (the search attribute goes on the left of the operator)",
      1,
    ],
    [
      'WorkflowId = WorkflowType',
      "expected a value after '=', found search attribute name 'WorkflowType' (comparing two attributes is not supported; did you forget to quote it?)",
      14,
    ],
    ['WorkflowId IN ()', "expected a value after '(', found ')'", 16],
    ["WorkflowId IN 'a'", "expected '(' after 'IN', found string 'a'", 15],
    ["WorkflowId IN ('a' 'b')", "expected ',' or ')' in the IN list, found string 'b'", 20],
    ["StartTime BETWEEN 'a' OR 'b'", "expected 'AND' between the two BETWEEN values, found 'OR'", 23],
    ["WorkflowId NOT = 'a'", "expected IN, BETWEEN or STARTS_WITH after 'NOT', found '='", 16],
    ['WorkflowId IS TRUE', "'IS' can only be used as 'IS NULL' or 'IS NOT NULL', found 'TRUE'", 15],
    ["WorkflowId LIKE 'a%'", "operator 'LIKE' is not supported (use STARTS_WITH)", 12],
    ["WorkflowId = 'a' LIMIT 5", "'LIMIT' clause is not supported (use the request's page size)", 18],
    ["WorkflowId = 'a' 'b'", "unexpected string 'b' after the filter", 18],
    ['ORDER BY StartTime GROUP BY ExecutionStatus', "'GROUP BY' must come before 'ORDER BY'", 20],
    ['ORDER StartTime', "expected 'BY' after 'ORDER', found name 'StartTime'", 7],
    ['ORDER BY', "expected a search attribute name after 'ORDER BY', found end of query", 9],
    ['ORDER BY StartTime,', "expected a search attribute name after ',', found end of query", 20],
    ['HistoryLength = 0x10', "invalid number '0x10'", 17],
    ['HistoryLength = 12abc', "invalid number '12abc'", 17],
    ["HistoryLength = -'5'", "expected a number after '-'", 18],
    [
      'HistoryLength = 99999999999999999999',
      'number 99999999999999999999 is out of the 64-bit integer range',
      17,
    ],
    ['HistoryLength = 1e999', 'number 1e999 is out of range', 17],
    ['WorkflowId = @x', "unexpected character '@'", 14],
    ['WorkflowId = 1 /* open', 'unterminated comment', 16],
  ])('%s', (text, problem, position) => {
    const error = parseError(text);
    expect(error.problem).toBe(problem);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`${problem} at position ${position}`);
  });
});
