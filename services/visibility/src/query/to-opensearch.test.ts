import { describe, expect, it } from 'vitest';
import { compileListFilter } from './check-query.ts';
import { toOpenSearchQuery, type OpenSearchQuery } from './to-opensearch.ts';

const customAttributes = { CustomText: 'Text', CustomInt: 'Int', CustomList: 'KeywordList' } as const;

function openSearch(text: string, purpose: 'list' | 'count' = 'list', fields = {}) {
  return toOpenSearchQuery(compileListFilter(text, { customAttributes, purpose }), fields);
}

const query = (text: string): OpenSearchQuery => openSearch(text).query;
const mustNot = (inner: OpenSearchQuery): OpenSearchQuery => ({ bool: { must_not: [inner] } });

describe('toOpenSearchQuery: predicates', () => {
  it.each<[string, OpenSearchQuery]>([
    ['', { match_all: {} }],
    ["WorkflowId = 'a'", { term: { WorkflowId: 'a' } }],
    ["WorkflowId != 'a'", mustNot({ term: { WorkflowId: 'a' } })],
    ['ExecutionStatus = 2', { term: { ExecutionStatus: 'Completed' } }],
    ["CustomText = 'foo bar'", { match: { CustomText: { query: 'foo bar' } } }],
    ["CustomText != 'foo'", mustNot({ match: { CustomText: { query: 'foo' } } })],
    ["CustomList = 'x'", { term: { CustomList: 'x' } }],
    ["CustomList IN ('x', 'y')", { terms: { CustomList: ['x', 'y'] } }],
    ["CustomList NOT IN ('x')", mustNot({ terms: { CustomList: ['x'] } })],
    ['CustomInt > 5', { range: { CustomInt: { gt: 5 } } }],
    ['CustomInt >= 5', { range: { CustomInt: { gte: 5 } } }],
    ['CustomInt < 5.5', { range: { CustomInt: { lt: 5.5 } } }],
    ['CustomInt <= 9223372036854775807', { range: { CustomInt: { lte: '9223372036854775807' } } }],
    ["ExecutionDuration > '1m'", { range: { ExecutionDuration: { gt: 60_000_000_000 } } }],
    [
      "StartTime BETWEEN '2021-01-01T00:00:00+01:00' AND '2022-01-01T00:00:00Z'",
      { range: { StartTime: { gte: '2020-12-31T23:00:00Z', lte: '2022-01-01T00:00:00Z' } } },
    ],
    ['HistoryLength NOT BETWEEN 1 AND 2', mustNot({ range: { HistoryLength: { gte: 1, lte: 2 } } })],
    ["WorkflowType STARTS_WITH 'order-'", { prefix: { WorkflowType: 'order-' } }],
    ["WorkflowType NOT STARTS_WITH 'order-'", mustNot({ prefix: { WorkflowType: 'order-' } })],
    ['CloseTime IS NULL', mustNot({ exists: { field: 'CloseTime' } })],
    ['CloseTime IS NOT NULL', { exists: { field: 'CloseTime' } }],
    ['SchedulePaused = false', { term: { TemporalSchedulePaused: false } }],
  ])('%s', (text, expected) => {
    expect(query(text)).toEqual(expected);
  });
});

describe('toOpenSearchQuery: logic, sort and grouping', () => {
  it('maps AND to filter, OR to should, NOT to must_not', () => {
    expect(query("WorkflowId = 'a' AND (TaskQueue = 'q' OR NOT HistoryLength > 3)")).toEqual({
      bool: {
        filter: [
          { term: { WorkflowId: 'a' } },
          {
            bool: {
              should: [{ term: { TaskQueue: 'q' } }, mustNot({ range: { HistoryLength: { gt: 3 } } })],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
  });

  it("sorts by Temporal's default order, then RunId", () => {
    expect(openSearch("WorkflowId = 'a'").sort).toEqual([
      { CloseTime: { order: 'desc', missing: '_first' } },
      { StartTime: { order: 'desc' } },
      { RunId: { order: 'asc' } },
    ]);
  });

  it('sorts explicit orders with missing values last and a RunId tiebreak unless already present', () => {
    expect(openSearch('ORDER BY CustomInt DESC, WorkflowType').sort).toEqual([
      { CustomInt: { order: 'desc', missing: '_last' } },
      { WorkflowType: { order: 'asc', missing: '_last' } },
      { RunId: { order: 'asc' } },
    ]);
    expect(openSearch('ORDER BY RunId DESC').sort).toEqual([{ RunId: { order: 'desc', missing: '_last' } }]);
  });

  it('maps attribute names to index fields when given a field map', () => {
    const request = openSearch("WorkflowId = 'a' ORDER BY CustomInt", 'list', {
      WorkflowId: 'wid',
      CustomInt: 'Int01',
    });
    expect(request.query).toEqual({ term: { wid: 'a' } });
    expect(request.sort[0]).toEqual({ Int01: { order: 'asc', missing: '_last' } });
  });

  it('adds a terms aggregation for GROUP BY ExecutionStatus', () => {
    expect(openSearch('GROUP BY ExecutionStatus', 'count')).toEqual({
      query: { match_all: {} },
      sort: [
        { CloseTime: { order: 'desc', missing: '_first' } },
        { StartTime: { order: 'desc' } },
        { RunId: { order: 'asc' } },
      ],
      aggregations: { groups: { terms: { field: 'ExecutionStatus' } } },
    });
  });

  it('produces JSON-serialisable output (no bigint)', () => {
    expect(() =>
      JSON.stringify(openSearch('CustomInt IN (1, 9223372036854775807) AND ExecutionDuration > 5')),
    ).not.toThrow();
  });
});
