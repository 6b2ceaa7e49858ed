import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileListFilter } from './check-query.ts';
import { KEYWORDS } from './lexer.ts';
import { ParseError } from './parse-error.ts';
import { parseListFilter } from './parser.ts';
import { printListFilter } from './print-query.ts';
import type { SearchAttributeType } from './search-attributes.ts';
import { stripPositions } from './strip-positions.ts';
import type {
  AttributeName,
  ComparisonOperator,
  Expression,
  Literal,
  Predicate,
  SyntaxQuery,
} from './syntax-tree.ts';
import { toOpenSearchQuery } from './to-opensearch.ts';
import { toSqlQuery } from './to-sql.ts';
import { VISIBILITY_RECORDS_LAYOUT } from './sql-layout.ts';

const RUNS = { numRuns: 1500 };

const customAttributes: Record<string, SearchAttributeType> = {
  CustomKeyword: 'Keyword',
  CustomText: 'Text',
  CustomInt: 'Int',
  CustomDouble: 'Double',
  CustomBool: 'Bool',
  CustomDatetime: 'Datetime',
  CustomList: 'KeywordList',
};

/** Only ParseError may escape; anything else is a bug. */
function parsesOrRejects(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    expect(error.position).toBeGreaterThanOrEqual(1);
  }
}

// ---- well-formed syntax trees -------------------------------------------------------------------

// Arbitrary Unicode rarely draws the characters that quoting must handle; mix them in on purpose.
const trickyText = (minLength: number) =>
  fc.oneof(
    fc.fullUnicodeString({ minLength, maxLength: 12 }),
    fc.stringOf(
      fc.constantFrom("'", '"', '`', '\\', '\n', '%', '_', '-', '#', '/', '*', ' ', 'a', 'n', 'é', '😀'),
      {
        minLength,
        maxLength: 12,
      },
    ),
  );

const attributeName: fc.Arbitrary<AttributeName> = fc
  .oneof(
    fc.constantFrom('WorkflowId', 'StartTime', 'CustomInt', 'CustomList', 'ExecutionStatus', 'Order', 'not'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
    trickyText(1),
  )
  .map((name) => ({ name, position: 0 }));

const literal: fc.Arbitrary<Literal> = fc.oneof(
  trickyText(0).map((value): Literal => ({ kind: 'string', value, position: 0 })),
  fc
    .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
    .map((value): Literal => ({ kind: 'integer', value, position: 0 })),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((value): Literal => ({ kind: 'float', value, position: 0 })),
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value, position: 0 })),
);

const predicate: fc.Arbitrary<Predicate> = fc.oneof(
  fc.record({
    kind: fc.constant('compare' as const),
    attribute: attributeName,
    operator: fc.constantFrom<ComparisonOperator[]>('=', '!=', '>', '>=', '<', '<='),
    value: literal,
  }),
  fc.record({
    kind: fc.constant('in' as const),
    attribute: attributeName,
    negated: fc.boolean(),
    values: fc.array(literal, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('between' as const),
    attribute: attributeName,
    negated: fc.boolean(),
    low: literal,
    high: literal,
  }),
  fc.record({
    kind: fc.constant('startsWith' as const),
    attribute: attributeName,
    negated: fc.boolean(),
    prefix: literal,
  }),
  fc.record({ kind: fc.constant('isNull' as const), attribute: attributeName, negated: fc.boolean() }),
);

/** AND/OR never nest their own kind directly: the parser flattens `a AND (b AND c)`. */
function junction(kind: 'and' | 'or', operands: Expression[]): Expression {
  return {
    kind,
    operands: operands.flatMap((operand) => (operand.kind === kind ? operand.operands : [operand])),
  };
}

const expression: fc.Arbitrary<Expression> = fc.letrec<{ expression: Expression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicate,
    fc.array(tie('expression'), { minLength: 2, maxLength: 3 }).map((operands) => junction('and', operands)),
    fc.array(tie('expression'), { minLength: 2, maxLength: 3 }).map((operands) => junction('or', operands)),
    tie('expression').map((operand): Expression => ({ kind: 'not', operand, position: 0 })),
  ),
})).expression;

const syntaxQuery: fc.Arbitrary<SyntaxQuery> = fc.record({
  where: fc.option(expression, { nil: undefined }),
  groupBy: fc.array(attributeName, { maxLength: 2 }),
  orderBy: fc.array(
    fc.record({ attribute: attributeName, direction: fc.constantFrom('asc', 'desc' as const) }),
    {
      maxLength: 3,
    },
  ),
});

describe('printer and parser agree', () => {
  it('a printed tree parses back to the same tree', () => {
    fc.assert(
      fc.property(syntaxQuery, (query) => {
        expect(stripPositions(parseListFilter(printListFilter(query)))).toEqual(query);
      }),
      RUNS,
    );
  });
});

// ---- hostile input ----------------------------------------------------------------------------

const TOKENS = [
  'WorkflowId',
  'CustomInt',
  'CustomList',
  'CustomText',
  'StartTime',
  'ExecutionStatus',
  'ExecutionDuration',
  'Nope',
  '`Custom Int`',
  '`',
  // Every keyword the lexer knows, and one in lower case (keywords are case-insensitive).
  ...KEYWORDS,
  'false',
  '(',
  ')',
  ',',
  ';',
  '=',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '-',
  '+',
  "'a'",
  '"b"',
  "'",
  '"',
  '1',
  '-1',
  '1.5',
  '1e3',
  '9223372036854775808',
  "'Running'",
  "'1h'",
  "'2024-01-01T00:00:00Z'",
  '--',
  '/*',
  '*/',
  '#',
  '\\',
  '\n',
  '@',
];

describe('the parser never crashes', () => {
  it('on arbitrary text: it parses or throws ParseError', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 80 }), (text) =>
        parsesOrRejects(() => parseListFilter(text)),
      ),
      RUNS,
    );
  });

  it('on token soups: compiling and translating throw nothing but ParseError', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((tokens) => tokens.join(' '));
    fc.assert(
      fc.property(soup, fc.constantFrom('list' as const, 'count' as const), (text, purpose) =>
        parsesOrRejects(() => {
          const query = compileListFilter(text, { customAttributes, purpose });
          toSqlQuery(query, VISIBILITY_RECORDS_LAYOUT);
          JSON.stringify(toOpenSearchQuery(query));
        }),
      ),
      RUNS,
    );
  });

  it('on well-formed trees over real attributes: values never reach the SQL text', () => {
    const known = fc
      .constantFrom(
        'WorkflowId',
        'StartTime',
        'CustomInt',
        'CustomList',
        'CustomText',
        'CustomKeyword',
        'CustomBool',
      )
      .map((name) => ({ name, position: 0 }));
    const wellTyped = syntaxQuery.map((query) => retarget(query, known));
    fc.assert(
      fc.property(wellTyped, (query) =>
        parsesOrRejects(() => {
          const checked = compileListFilter(printListFilter(query), { customAttributes, purpose: 'list' });
          const sql = toSqlQuery(checked, VISIBILITY_RECORDS_LAYOUT);
          // The only quoted text the translator writes is its own constants.
          const stripped = `${sql.where} ${sql.orderBy}`.replaceAll(/'simple'|' & '|' \| '/g, '');
          expect(stripped).not.toContain("'");
        }),
      ),
      RUNS,
    );
  });
});

/** Gives every predicate and sort term a name drawn from `names`, so type checking mostly succeeds. */
function retarget(query: SyntaxQuery, names: fc.Arbitrary<AttributeName>): SyntaxQuery {
  const pick = fc.sample(names, 64);
  let next = 0;
  const name = (): AttributeName => pick[next++ % pick.length] as AttributeName;
  const visit = (expression: Expression): Expression => {
    switch (expression.kind) {
      case 'and':
      case 'or':
        return { kind: expression.kind, operands: expression.operands.map(visit) };
      case 'not':
        return { ...expression, operand: visit(expression.operand) };
      default:
        return { ...expression, attribute: name() };
    }
  };
  return {
    where: query.where === undefined ? undefined : visit(query.where),
    groupBy: [],
    orderBy: query.orderBy.map((term) => ({ ...term, attribute: name() })),
  };
}
