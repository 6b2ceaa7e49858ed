import type { CheckedExpression, CheckedPredicate, CheckedQuery, TypedValue } from './checked-tree.ts';
import type { SqlColumnLayout } from './sql-layout.ts';
import { SqlParameters } from './sql-parameters.ts';
import type { SearchAttribute } from './search-attributes.ts';

// Translates a checked filter to a Postgres WHERE clause and ORDER BY over the layout in
// sql-layout.ts. Values and attribute names are always $n parameters.
//
// NULL semantics follow OpenSearch (what Temporal Cloud runs): a negation matches records where the
// attribute is missing (`CloseTime != X` matches open executions), so a negated condition over a
// nullable expression is written `NOT coalesce(P, false)`.

export interface SqlFragment {
  text: string;
  values: TypedValue[];
}

/** One sort key: the keyset pager compares cursor values against `expression`. */
export interface SqlOrderKey {
  expression: string;
  direction: 'ASC' | 'DESC';
  nullsFirst: boolean;
  /** The cast for cursor values compared with this key (`timestamptz`, `text`, …). */
  cast: string;
}

export interface SqlQuery {
  where: string;
  orderBy: string;
  orderKeys: SqlOrderKey[];
  values: TypedValue[];
}

interface Condition {
  sql: string;
  /** True when the condition can be NULL (the attribute may be missing). */
  nullable: boolean;
}

export function toSqlWhere(query: CheckedQuery, layout: SqlColumnLayout, firstParameter = 1): SqlFragment {
  const params = new SqlParameters(firstParameter);
  const text = query.where === undefined ? 'TRUE' : translate(query.where, layout, params).sql;
  return { text, values: params.values };
}

/** WHERE, ORDER BY (Temporal's default when the filter has none) and their shared parameters. */
export function toSqlQuery(query: CheckedQuery, layout: SqlColumnLayout, firstParameter = 1): SqlQuery {
  const params = new SqlParameters(firstParameter);
  const where = query.where === undefined ? 'TRUE' : translate(query.where, layout, params).sql;
  const orderKeys = sqlOrderKeys(query, layout, params);
  const orderBy = orderKeys
    .map((key) => `${key.expression} ${key.direction} NULLS ${key.nullsFirst ? 'FIRST' : 'LAST'}`)
    .join(', ');
  return { where, orderBy, orderKeys, values: params.values };
}

function sqlOrderKeys(query: CheckedQuery, layout: SqlColumnLayout, params: SqlParameters): SqlOrderKey[] {
  const tiebreak: SqlOrderKey = {
    expression: layout.tiebreakColumn,
    direction: 'ASC',
    nullsFirst: false,
    cast: 'text',
  };
  if (query.orderBy.length === 0) {
    // Temporal's default: open executions first, then most recently closed, then most recently started.
    const column = (name: string): string => systemColumn(layout, name).column;
    return [
      { expression: column('CloseTime'), direction: 'DESC', nullsFirst: true, cast: 'timestamptz' },
      { expression: column('StartTime'), direction: 'DESC', nullsFirst: false, cast: 'timestamptz' },
      tiebreak,
    ];
  }
  // Missing values sort last in both directions, as in OpenSearch.
  const keys = query.orderBy.map(({ attribute, direction }): SqlOrderKey => ({
    expression: scalarExpression(attribute, layout, params).sql,
    direction: direction === 'asc' ? 'ASC' : 'DESC',
    nullsFirst: false,
    cast: castFor(attribute, undefined),
  }));
  const writesTiebreak = query.orderBy.some(
    ({ attribute }) =>
      attribute.kind === 'system' && layout.systemColumns[attribute.name]?.column === layout.tiebreakColumn,
  );
  return writesTiebreak ? keys : [...keys, tiebreak];
}

function translate(expression: CheckedExpression, layout: SqlColumnLayout, params: SqlParameters): Condition {
  switch (expression.kind) {
    case 'and':
    case 'or': {
      const parts = expression.operands.map((operand) => {
        const condition = translate(operand, layout, params);
        return {
          ...condition,
          sql: operand.kind === 'or' || operand.kind === 'and' ? `(${condition.sql})` : condition.sql,
        };
      });
      return {
        sql: parts.map((part) => part.sql).join(expression.kind === 'and' ? ' AND ' : ' OR '),
        nullable: parts.some((part) => part.nullable),
      };
    }
    case 'not':
      return negate(translate(expression.operand, layout, params));
    default:
      return translatePredicate(expression, layout, params);
  }
}

function negate(condition: Condition): Condition {
  return {
    sql: condition.nullable ? `NOT coalesce(${condition.sql}, false)` : `NOT (${condition.sql})`,
    nullable: false,
  };
}

function translatePredicate(
  predicate: CheckedPredicate,
  layout: SqlColumnLayout,
  params: SqlParameters,
): Condition {
  const { attribute } = predicate;
  switch (predicate.kind) {
    case 'compare': {
      if (predicate.operator === '!=') {
        const column = attribute.kind === 'system' ? systemColumn(layout, attribute.name) : undefined;
        if (column !== undefined && !column.nullable && attribute.type !== 'Text') {
          // A column that is never NULL (WorkflowId != 'x') needs no NULL handling.
          return {
            sql: `${column.column} <> ${params.add(predicate.value, castFor(attribute, predicate.value))}`,
            nullable: false,
          };
        }
        return negate(translatePredicate({ ...predicate, operator: '=' }, layout, params));
      }
      if (predicate.operator === '=') {
        const special = equalityCondition(attribute, predicate.value, layout, params);
        if (special !== undefined) return special;
      }
      const target = scalarExpression(attribute, layout, params);
      const value = params.add(predicate.value, castFor(attribute, predicate.value));
      return { sql: `${target.sql} ${predicate.operator} ${value}`, nullable: target.nullable };
    }
    case 'in': {
      if (attribute.type === 'KeywordList') {
        const key = params.add(attribute.name, 'text');
        const list = predicate.values.map((value) => params.add(value, 'text')).join(', ');
        const positive = {
          sql: `(${layout.searchAttributesColumn} -> ${key}) ?| ARRAY[${list}]`,
          nullable: true,
        };
        return predicate.negated ? negate(positive) : positive;
      }
      const target = scalarExpression(attribute, layout, params);
      const list = predicate.values.map((value) => params.add(value, castFor(attribute, value))).join(', ');
      const positive = { sql: `${target.sql} IN (${list})`, nullable: target.nullable };
      return predicate.negated ? negate(positive) : positive;
    }
    case 'between': {
      const target = scalarExpression(attribute, layout, params);
      const low = params.add(predicate.low, castFor(attribute, predicate.low));
      const high = params.add(predicate.high, castFor(attribute, predicate.high));
      const positive = { sql: `${target.sql} BETWEEN ${low} AND ${high}`, nullable: target.nullable };
      return predicate.negated ? negate(positive) : positive;
    }
    case 'startsWith': {
      const target = scalarExpression(attribute, layout, params);
      const pattern = `${predicate.prefix.replace(/[\\%_]/g, '\\$&')}%`;
      const positive = {
        sql: `${target.sql} LIKE ${params.add(pattern, 'text')}`,
        nullable: target.nullable,
      };
      return predicate.negated ? negate(positive) : positive;
    }
    case 'isNull': {
      const system = layout.systemColumns[attribute.name];
      if (attribute.kind === 'system' && system !== undefined) {
        return { sql: `${system.column} IS ${predicate.negated ? 'NOT ' : ''}NULL`, nullable: false };
      }
      // The indexer stores no key for a missing value (never JSON null or an empty list).
      const present = `${layout.searchAttributesColumn} ? ${params.add(attribute.name, 'text')}`;
      return { sql: predicate.negated ? present : `NOT (${present})`, nullable: false };
    }
  }
}

/** `=` forms that differ from `expr = $v`: jsonb containment (GIN-indexable) and Text word search. */
function equalityCondition(
  attribute: SearchAttribute,
  value: TypedValue,
  layout: SqlColumnLayout,
  params: SqlParameters,
): Condition | undefined {
  if (attribute.type === 'Text') {
    const target = scalarExpression(attribute, layout, params);
    // Temporal matches Text when any word of the value is a word of the attribute (OR of tokens).
    const words = `replace(plainto_tsquery('simple', ${params.add(value, 'text')})::text, ' & ', ' | ')`;
    return {
      sql: `to_tsvector('simple', ${target.sql}) @@ to_tsquery('simple', ${words})`,
      nullable: target.nullable,
    };
  }
  if (attribute.kind === 'system') return undefined;
  const sa = layout.searchAttributesColumn;
  if (attribute.type === 'KeywordList') {
    const key = params.add(attribute.name, 'text');
    return {
      sql: `${sa} @> jsonb_build_object(${key}, jsonb_build_array(${params.add(value, 'text')}))`,
      nullable: false,
    };
  }
  if (attribute.type === 'Keyword' || attribute.type === 'Bool') {
    const key = params.add(attribute.name, 'text');
    return {
      sql: `${sa} @> jsonb_build_object(${key}, ${params.add(value, castFor(attribute, value))})`,
      nullable: false,
    };
  }
  return undefined;
}

/** The attribute as one typed SQL value (not for KeywordList). */
function scalarExpression(
  attribute: SearchAttribute,
  layout: SqlColumnLayout,
  params: SqlParameters,
): Condition {
  if (attribute.kind === 'system') {
    const { column, nullable } = systemColumn(layout, attribute.name);
    return { sql: column, nullable };
  }
  const text = `(${layout.searchAttributesColumn} ->> ${params.add(attribute.name, 'text')})`;
  const cast =
    attribute.type === 'Keyword' || attribute.type === 'Text' ? undefined : castFor(attribute, undefined);
  return { sql: cast === undefined ? text : `${text}::${cast}`, nullable: true };
}

/** The SQL type values of this attribute are compared as. */
function castFor(attribute: SearchAttribute, value: TypedValue | undefined): string {
  switch (attribute.type) {
    case 'Int':
      // System Int columns are bigint; a fractional operand (HistoryLength > 1.5) compares as numeric.
      return attribute.kind === 'system' && typeof value !== 'number' ? 'bigint' : 'numeric';
    case 'Double':
      return 'numeric';
    case 'Bool':
      return 'boolean';
    case 'Datetime':
      return 'timestamptz';
    default:
      return 'text';
  }
}

function systemColumn(layout: SqlColumnLayout, name: string): { column: string; nullable: boolean } {
  const column = layout.systemColumns[name];
  if (column === undefined) throw new Error(`SQL layout has no column for system attribute ${name}`);
  return column;
}
