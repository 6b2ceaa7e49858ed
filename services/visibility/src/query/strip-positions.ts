import type { AttributeName, Expression, Literal, Predicate, SyntaxQuery } from './syntax-tree.ts';

// The same tree with every position set to 0: two filters that differ only in spacing, quoting or
// keyword case compare equal this way (the property tests and the console's "filter changed?" use it).

export function stripPositions(query: SyntaxQuery): SyntaxQuery {
  return {
    where: query.where === undefined ? undefined : stripExpression(query.where),
    groupBy: query.groupBy.map(stripName),
    orderBy: query.orderBy.map((term) => ({ ...term, attribute: stripName(term.attribute) })),
  };
}

export function stripExpression(expression: Expression): Expression {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return { kind: expression.kind, operands: expression.operands.map(stripExpression) };
    case 'not':
      return { kind: 'not', operand: stripExpression(expression.operand), position: 0 };
    default:
      return stripPredicate(expression);
  }
}

function stripPredicate(predicate: Predicate): Predicate {
  const attribute = stripName(predicate.attribute);
  switch (predicate.kind) {
    case 'compare':
      return { ...predicate, attribute, value: stripLiteral(predicate.value) };
    case 'in':
      return { ...predicate, attribute, values: predicate.values.map(stripLiteral) };
    case 'between':
      return {
        ...predicate,
        attribute,
        low: stripLiteral(predicate.low),
        high: stripLiteral(predicate.high),
      };
    case 'startsWith':
      return { ...predicate, attribute, prefix: stripLiteral(predicate.prefix) };
    case 'isNull':
      return { ...predicate, attribute };
  }
}

function stripName(name: AttributeName): AttributeName {
  return { name: name.name, position: 0 };
}

function stripLiteral(literal: Literal): Literal {
  return { ...literal, position: 0 };
}
