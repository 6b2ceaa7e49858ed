import { KEYWORDS } from './lexer.ts';
import type { AttributeName, Expression, Literal, Predicate, SyntaxQuery } from './syntax-tree.ts';

// Prints a syntax tree back as a list filter in canonical form (upper-case keywords, single-quoted
// strings, parentheses only where precedence needs them). Parsing the output gives the same tree
// (positions aside), which the property tests check; the console uses it to show normalised filters.

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

export function printListFilter(query: SyntaxQuery): string {
  const parts: string[] = [];
  if (query.where !== undefined) parts.push(printExpression(query.where));
  if (query.groupBy.length > 0) parts.push(`GROUP BY ${query.groupBy.map(printName).join(', ')}`);
  if (query.orderBy.length > 0) {
    const terms = query.orderBy.map((term) => `${printName(term.attribute)} ${term.direction.toUpperCase()}`);
    parts.push(`ORDER BY ${terms.join(', ')}`);
  }
  return parts.join(' ');
}

export function printExpression(expression: Expression): string {
  switch (expression.kind) {
    case 'or':
      return expression.operands.map(printExpression).join(' OR ');
    case 'and':
      return expression.operands
        .map((operand) =>
          operand.kind === 'or' ? `(${printExpression(operand)})` : printExpression(operand),
        )
        .join(' AND ');
    case 'not': {
      const operand = expression.operand;
      const inner = printExpression(operand);
      return operand.kind === 'and' || operand.kind === 'or' ? `NOT (${inner})` : `NOT ${inner}`;
    }
    default:
      return printPredicate(expression);
  }
}

function printPredicate(predicate: Predicate): string {
  const name = printName(predicate.attribute);
  const not = 'negated' in predicate && predicate.negated ? 'NOT ' : '';
  switch (predicate.kind) {
    case 'compare':
      return `${name} ${predicate.operator} ${printLiteral(predicate.value)}`;
    case 'in':
      return `${name} ${not}IN (${predicate.values.map(printLiteral).join(', ')})`;
    case 'between':
      return `${name} ${not}BETWEEN ${printLiteral(predicate.low)} AND ${printLiteral(predicate.high)}`;
    case 'startsWith':
      return `${name} ${not}STARTS_WITH ${printLiteral(predicate.prefix)}`;
    case 'isNull':
      return `${name} IS ${not}NULL`;
  }
}

export function printName(attribute: AttributeName): string {
  const { name } = attribute;
  if (BARE_NAME.test(name) && !keywordSet.has(name.toUpperCase())) return name;
  return `\`${name.replaceAll('`', '``')}\``;
}

export function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return `'${literal.value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
    case 'integer':
      return literal.value.toString();
    case 'boolean':
      return literal.value ? 'TRUE' : 'FALSE';
    case 'float': {
      if (Object.is(literal.value, -0)) return '-0.0';
      const text = String(literal.value);
      // Keep a float a float: `3` would read back as an integer.
      return /[.e]/.test(text) ? text : `${text}.0`;
    }
  }
}
