import type { SearchAttributeType } from './search-attributes.ts';

// Which operators each search attribute type allows (Temporal Cloud's published rules): Text only
// = and !=; KeywordList = != IN NOT IN; range comparisons (< <= > >= BETWEEN) on Datetime, Double,
// Int and Keyword; STARTS_WITH on Keyword only; IS [NOT] NULL on every type.

export type FilterOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'IN'
  | 'NOT IN'
  | 'BETWEEN'
  | 'NOT BETWEEN'
  | 'STARTS_WITH'
  | 'NOT STARTS_WITH'
  | 'IS NULL'
  | 'IS NOT NULL';

const EQUALITY: FilterOperator[] = ['=', '!=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'];
const RANGE: FilterOperator[] = ['>', '>=', '<', '<=', 'BETWEEN', 'NOT BETWEEN'];
const PREFIX: FilterOperator[] = ['STARTS_WITH', 'NOT STARTS_WITH'];

export const OPERATORS_BY_TYPE: Readonly<Record<SearchAttributeType, ReadonlySet<FilterOperator>>> = {
  Keyword: new Set([...EQUALITY, ...RANGE, ...PREFIX]),
  Text: new Set(['=', '!=', 'IS NULL', 'IS NOT NULL']),
  Int: new Set([...EQUALITY, ...RANGE]),
  Double: new Set([...EQUALITY, ...RANGE]),
  Datetime: new Set([...EQUALITY, ...RANGE]),
  Bool: new Set(EQUALITY),
  KeywordList: new Set(EQUALITY),
};

export function isOperatorAllowed(type: SearchAttributeType, operator: FilterOperator): boolean {
  return OPERATORS_BY_TYPE[type].has(operator);
}

/** Text is tokenized and KeywordList holds many values: neither has one value to sort by. */
export function isSortable(type: SearchAttributeType): boolean {
  return type !== 'Text' && type !== 'KeywordList';
}

/** Temporal counts grouped by ExecutionStatus only. */
export const GROUP_BY_ATTRIBUTES: ReadonlySet<string> = new Set(['ExecutionStatus']);
