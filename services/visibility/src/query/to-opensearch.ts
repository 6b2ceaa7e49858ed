import type { CheckedExpression, CheckedPredicate, CheckedQuery, TypedValue } from './checked-tree.ts';
import type { SearchAttribute } from './search-attributes.ts';

// Translates a checked filter to the OpenSearch query DSL, the way Temporal's Elasticsearch store
// does: AND → bool.filter, OR → bool.should, negations → bool.must_not (so they match documents
// without the field), Keyword/KeywordList equality → term/terms, Text → match (any word),
// ranges → range, STARTS_WITH → prefix, IS NULL → exists.

export type JsonScalar = string | number | boolean;

export type OpenSearchQuery =
  | { match_all: Record<string, never> }
  | {
      bool: {
        filter?: OpenSearchQuery[];
        should?: OpenSearchQuery[];
        must_not?: OpenSearchQuery[];
        minimum_should_match?: number;
      };
    }
  | { term: Record<string, JsonScalar> }
  | { terms: Record<string, JsonScalar[]> }
  | { range: Record<string, { gt?: JsonScalar; gte?: JsonScalar; lt?: JsonScalar; lte?: JsonScalar }> }
  | { prefix: Record<string, string> }
  | { exists: { field: string } }
  | { match: Record<string, { query: string }> };

export type OpenSearchSort = Record<string, { order: 'asc' | 'desc'; missing?: '_first' | '_last' }>[];

export interface OpenSearchRequest {
  query: OpenSearchQuery;
  sort: OpenSearchSort;
  /** Present for CountWorkflowExecutions with GROUP BY: one terms aggregation named `groups`. */
  aggregations?: { groups: { terms: { field: string } } };
}

/** Attribute name → index field; attributes not listed use their own name (Temporal's mapping). */
export type OpenSearchFieldMap = Readonly<Record<string, string>>;

export function toOpenSearchQuery(query: CheckedQuery, fields: OpenSearchFieldMap = {}): OpenSearchRequest {
  const field = (attribute: SearchAttribute): string => fields[attribute.name] ?? attribute.name;
  const request: OpenSearchRequest = {
    query: query.where === undefined ? { match_all: {} } : translate(query.where, field),
    sort: openSearchSort(query, field),
  };
  const groupBy = query.groupBy[0];
  if (groupBy !== undefined) request.aggregations = { groups: { terms: { field: field(groupBy) } } };
  return request;
}

type FieldOf = (attribute: SearchAttribute) => string;

function openSearchSort(query: CheckedQuery, field: FieldOf): OpenSearchSort {
  const runId = field({ name: 'RunId', type: 'Keyword', kind: 'system' });
  const tiebreak = { [runId]: { order: 'asc' as const } };
  if (query.orderBy.length === 0) {
    const closeTime = field({ name: 'CloseTime', type: 'Datetime', kind: 'system' });
    const startTime = field({ name: 'StartTime', type: 'Datetime', kind: 'system' });
    return [
      { [closeTime]: { order: 'desc', missing: '_first' } },
      { [startTime]: { order: 'desc' } },
      tiebreak,
    ];
  }
  const sort: OpenSearchSort = query.orderBy.map(({ attribute, direction }) => ({
    [field(attribute)]: { order: direction, missing: '_last' },
  }));
  return sort.some((term) => runId in term) ? sort : [...sort, tiebreak];
}

function translate(expression: CheckedExpression, field: FieldOf): OpenSearchQuery {
  switch (expression.kind) {
    case 'and':
      return { bool: { filter: expression.operands.map((operand) => translate(operand, field)) } };
    case 'or':
      return {
        bool: {
          should: expression.operands.map((operand) => translate(operand, field)),
          minimum_should_match: 1,
        },
      };
    case 'not':
      return mustNot(translate(expression.operand, field));
    default:
      return translatePredicate(expression, field);
  }
}

function translatePredicate(predicate: CheckedPredicate, fieldOf: FieldOf): OpenSearchQuery {
  const field = fieldOf(predicate.attribute);
  switch (predicate.kind) {
    case 'compare': {
      const value = jsonValue(predicate.value);
      switch (predicate.operator) {
        case '=':
        case '!=': {
          const equal: OpenSearchQuery =
            predicate.attribute.type === 'Text'
              ? { match: { [field]: { query: String(value) } } }
              : { term: { [field]: value } };
          return predicate.operator === '=' ? equal : mustNot(equal);
        }
        case '>':
          return { range: { [field]: { gt: value } } };
        case '>=':
          return { range: { [field]: { gte: value } } };
        case '<':
          return { range: { [field]: { lt: value } } };
        case '<=':
          return { range: { [field]: { lte: value } } };
      }
      break;
    }
    case 'in': {
      const terms: OpenSearchQuery = { terms: { [field]: predicate.values.map(jsonValue) } };
      return predicate.negated ? mustNot(terms) : terms;
    }
    case 'between': {
      const range: OpenSearchQuery = {
        range: { [field]: { gte: jsonValue(predicate.low), lte: jsonValue(predicate.high) } },
      };
      return predicate.negated ? mustNot(range) : range;
    }
    case 'startsWith': {
      const prefix: OpenSearchQuery = { prefix: { [field]: predicate.prefix } };
      return predicate.negated ? mustNot(prefix) : prefix;
    }
    case 'isNull': {
      const exists: OpenSearchQuery = { exists: { field } };
      return predicate.negated ? exists : mustNot(exists);
    }
  }
}

function mustNot(query: OpenSearchQuery): OpenSearchQuery {
  return { bool: { must_not: [query] } };
}

/** JSON has no bigint: exact as a number when it fits, else as a string (OpenSearch parses longs from strings). */
function jsonValue(value: TypedValue): JsonScalar {
  if (typeof value !== 'bigint') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}
