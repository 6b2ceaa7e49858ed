// @kairos/visibility/query: Temporal's list filter language — parse, type-check against the
// namespace's search attributes, and translate to Postgres SQL or the OpenSearch query DSL.
export { parseListFilter } from './parser.ts';
export { checkQuery, compileListFilter, type CheckOptions } from './check-query.ts';
export { ParseError } from './parse-error.ts';
export { printExpression, printListFilter } from './print-query.ts';
export type {
  AttributeName,
  ComparisonOperator,
  Expression,
  Literal,
  OrderByTerm,
  Predicate,
  SortDirection,
  SyntaxQuery,
} from './syntax-tree.ts';
export type {
  CheckedExpression,
  CheckedOrderBy,
  CheckedPredicate,
  CheckedQuery,
  TypedValue,
} from './checked-tree.ts';
export {
  EXECUTION_STATUS_NAMES,
  PREDEFINED_SEARCH_ATTRIBUTES,
  SEARCH_ATTRIBUTE_TYPES,
  SYSTEM_SEARCH_ATTRIBUTES,
  resolveSearchAttribute,
  type CustomSearchAttributes,
  type ExecutionStatusName,
  type SearchAttribute,
  type SearchAttributeKind,
  type SearchAttributeType,
} from './search-attributes.ts';
export { OPERATORS_BY_TYPE, isOperatorAllowed, type FilterOperator } from './operator-rules.ts';
export { VISIBILITY_RECORDS_LAYOUT, type SqlColumn, type SqlColumnLayout } from './sql-layout.ts';
export { toSqlQuery, toSqlWhere, type SqlFragment, type SqlOrderKey, type SqlQuery } from './to-sql.ts';
export { toSqlKeysetCondition } from './sql-keyset.ts';
export {
  toOpenSearchQuery,
  type JsonScalar,
  type OpenSearchFieldMap,
  type OpenSearchQuery,
  type OpenSearchRequest,
  type OpenSearchSort,
} from './to-opensearch.ts';
