import type { SearchAttribute } from './search-attributes.ts';
import type { ComparisonOperator, SortDirection } from './syntax-tree.ts';

// A list filter after type checking: every name resolved to a search attribute with its type, every
// value converted to that type. The SQL and OpenSearch translators take only this tree.
//
// Values by attribute type:
//   Keyword, KeywordList, Text → string (ExecutionStatus: the status name, e.g. 'Running')
//   Int → bigint, or number when the filter wrote a fraction (HistoryLength > 1.5);
//         ExecutionDuration → bigint nanoseconds
//   Double → number;  Bool → boolean
//   Datetime → string, RFC 3339 in UTC (`2021-06-07T16:46:34.236Z`)
export type TypedValue = string | number | bigint | boolean;

export type CheckedPredicate =
  | { kind: 'compare'; attribute: SearchAttribute; operator: ComparisonOperator; value: TypedValue }
  | { kind: 'in'; attribute: SearchAttribute; negated: boolean; values: TypedValue[] }
  | { kind: 'between'; attribute: SearchAttribute; negated: boolean; low: TypedValue; high: TypedValue }
  | { kind: 'startsWith'; attribute: SearchAttribute; negated: boolean; prefix: string }
  | { kind: 'isNull'; attribute: SearchAttribute; negated: boolean };

export type CheckedExpression =
  | CheckedPredicate
  | { kind: 'and'; operands: CheckedExpression[] }
  | { kind: 'or'; operands: CheckedExpression[] }
  | { kind: 'not'; operand: CheckedExpression };

export interface CheckedOrderBy {
  attribute: SearchAttribute;
  direction: SortDirection;
}

export interface CheckedQuery {
  where: CheckedExpression | undefined;
  /** As written; empty means Temporal's default order (translators apply it). */
  orderBy: CheckedOrderBy[];
  /** CountWorkflowExecutions only: at most one attribute, ExecutionStatus. */
  groupBy: SearchAttribute[];
  /** Canonical names of every attribute the filter mentions (stores use it, e.g. for TemporalNamespaceDivision). */
  referencedAttributes: ReadonlySet<string>;
}
