import type { CheckedExpression, CheckedPredicate, CheckedQuery } from './checked-tree.ts';
import { coerceValue, describeLiteral } from './coerce-value.ts';
import { GROUP_BY_ATTRIBUTES, isOperatorAllowed, isSortable, type FilterOperator } from './operator-rules.ts';
import { ParseError } from './parse-error.ts';
import { parseListFilter } from './parser.ts';
import {
  resolveSearchAttribute,
  type CustomSearchAttributes,
  type SearchAttribute,
} from './search-attributes.ts';
import type { AttributeName, Expression, Predicate, SyntaxQuery } from './syntax-tree.ts';

export interface CheckOptions {
  /** The namespace's custom search attributes (name → type). */
  customAttributes: CustomSearchAttributes;
  /** `count` (CountWorkflowExecutions) allows GROUP BY ExecutionStatus and forbids ORDER BY. */
  purpose: 'list' | 'count';
}

/** Parses and type-checks a list filter; throws ParseError (→ InvalidArgument) for any fault. */
export function compileListFilter(text: string, options: CheckOptions): CheckedQuery {
  return checkQuery(parseListFilter(text), options);
}

export function checkQuery(query: SyntaxQuery, options: CheckOptions): CheckedQuery {
  const referenced = new Set<string>();
  const resolve = (written: AttributeName): SearchAttribute => {
    const attribute = resolveSearchAttribute(written.name, options.customAttributes);
    if (attribute === undefined) {
      throw new ParseError(`unknown search attribute '${written.name}'`, written.position);
    }
    referenced.add(attribute.name);
    return attribute;
  };

  const where = query.where === undefined ? undefined : checkExpression(query.where, resolve);

  if (query.groupBy.length > 0) {
    const first = query.groupBy[0] as AttributeName;
    if (options.purpose !== 'count') {
      throw new ParseError("'GROUP BY' is only supported when counting workflow executions", first.position);
    }
    const second = query.groupBy[1];
    if (second !== undefined) {
      throw new ParseError("'GROUP BY' supports only a single search attribute", second.position);
    }
  }
  const groupBy = query.groupBy.map((written) => {
    const attribute = resolve(written);
    if (!GROUP_BY_ATTRIBUTES.has(attribute.name)) {
      throw new ParseError(
        `'GROUP BY' is only supported for ExecutionStatus, not '${written.name}'`,
        written.position,
      );
    }
    return attribute;
  });

  const orderBy = query.orderBy.map((term) => {
    if (options.purpose === 'count') {
      throw new ParseError("'ORDER BY' is not supported when counting", term.attribute.position);
    }
    const attribute = resolve(term.attribute);
    if (!isSortable(attribute.type)) {
      throw new ParseError(
        `cannot sort by ${attribute.type} attribute '${term.attribute.name}'`,
        term.attribute.position,
      );
    }
    return { attribute, direction: term.direction };
  });

  return { where, orderBy, groupBy, referencedAttributes: referenced };
}

type Resolve = (written: AttributeName) => SearchAttribute;

function checkExpression(expression: Expression, resolve: Resolve): CheckedExpression {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return {
        kind: expression.kind,
        operands: expression.operands.map((operand) => checkExpression(operand, resolve)),
      };
    case 'not':
      return { kind: 'not', operand: checkExpression(expression.operand, resolve) };
    default:
      return checkPredicate(expression, resolve);
  }
}

function checkPredicate(predicate: Predicate, resolve: Resolve): CheckedPredicate {
  const attribute = resolve(predicate.attribute);
  const operator = operatorOf(predicate);
  if (!isOperatorAllowed(attribute.type, operator)) {
    throw new ParseError(
      `operator ${operator} is not supported for ${attribute.type} attribute '${predicate.attribute.name}'`,
      predicate.attribute.position,
    );
  }
  switch (predicate.kind) {
    case 'compare':
      return {
        kind: 'compare',
        attribute,
        operator: predicate.operator,
        value: coerceValue(attribute, predicate.value),
      };
    case 'in':
      return {
        kind: 'in',
        attribute,
        negated: predicate.negated,
        values: predicate.values.map((value) => coerceValue(attribute, value)),
      };
    case 'between':
      return {
        kind: 'between',
        attribute,
        negated: predicate.negated,
        low: coerceValue(attribute, predicate.low),
        high: coerceValue(attribute, predicate.high),
      };
    case 'startsWith': {
      if (predicate.prefix.kind !== 'string') {
        throw new ParseError(
          `STARTS_WITH needs a string, found ${describeLiteral(predicate.prefix)}`,
          predicate.prefix.position,
        );
      }
      return { kind: 'startsWith', attribute, negated: predicate.negated, prefix: predicate.prefix.value };
    }
    case 'isNull':
      return { kind: 'isNull', attribute, negated: predicate.negated };
  }
}

function operatorOf(predicate: Predicate): FilterOperator {
  switch (predicate.kind) {
    case 'compare':
      return predicate.operator;
    case 'in':
      return predicate.negated ? 'NOT IN' : 'IN';
    case 'between':
      return predicate.negated ? 'NOT BETWEEN' : 'BETWEEN';
    case 'startsWith':
      return predicate.negated ? 'NOT STARTS_WITH' : 'STARTS_WITH';
    case 'isNull':
      return predicate.negated ? 'IS NOT NULL' : 'IS NULL';
  }
}
