// The list filter as written: what the parser produces before any search attribute is looked up.
// Every node that can be blamed for a type error carries the 1-based offset of its first character.

export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type Literal =
  | { kind: 'string'; value: string; position: number }
  // int64 in Temporal; bigint keeps values past 2^53 (nanosecond durations, sizes) exact.
  | { kind: 'integer'; value: bigint; position: number }
  | { kind: 'float'; value: number; position: number }
  | { kind: 'boolean'; value: boolean; position: number };

export interface AttributeName {
  name: string;
  position: number;
}

export type Predicate =
  | { kind: 'compare'; attribute: AttributeName; operator: ComparisonOperator; value: Literal }
  | { kind: 'in'; attribute: AttributeName; negated: boolean; values: Literal[] }
  | { kind: 'between'; attribute: AttributeName; negated: boolean; low: Literal; high: Literal }
  | { kind: 'startsWith'; attribute: AttributeName; negated: boolean; prefix: Literal }
  | { kind: 'isNull'; attribute: AttributeName; negated: boolean };

/** AND/OR are n-ary (at least two operands, never directly nesting their own kind): `a AND b AND c`. */
export type Expression =
  | Predicate
  | { kind: 'and'; operands: Expression[] }
  | { kind: 'or'; operands: Expression[] }
  | { kind: 'not'; operand: Expression; position: number };

export type SortDirection = 'asc' | 'desc';

export interface OrderByTerm {
  attribute: AttributeName;
  direction: SortDirection;
}

export interface SyntaxQuery {
  where: Expression | undefined;
  orderBy: OrderByTerm[];
  groupBy: AttributeName[];
}
