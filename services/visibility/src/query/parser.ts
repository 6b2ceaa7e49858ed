import { describeToken, tokenize, type Keyword, type SymbolText, type Token } from './lexer.ts';
import { ParseError } from './parse-error.ts';
import type {
  AttributeName,
  ComparisonOperator,
  Expression,
  Literal,
  OrderByTerm,
  Predicate,
  SyntaxQuery,
} from './syntax-tree.ts';

// Recursive descent over Temporal's list filter:
//
//   query      := [expression] [GROUP BY name {, name}] [ORDER BY name [ASC|DESC] {, ...}] [';']
//   expression := conjunction {OR conjunction}
//   conjunction:= negation {AND negation}
//   negation   := NOT negation | '(' expression ')' | predicate
//   predicate  := name ( compare value | [NOT] IN '(' value {, value} ')' | [NOT] BETWEEN value AND value
//                      | [NOT] STARTS_WITH value | IS [NOT] NULL )
//   value      := string | ['+'|'-'] number | TRUE | FALSE
//
// NOT binds tighter than AND, AND tighter than OR (SQL's precedence). Only syntax is checked here;
// names, operators-per-type and value types are checked against the catalogue in check-query.ts.

const COMPARISON_SYMBOLS: Readonly<Partial<Record<SymbolText, ComparisonOperator>>> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

const UNSUPPORTED_CLAUSES: Readonly<Partial<Record<Keyword, string>>> = {
  LIMIT: "'LIMIT' clause is not supported (use the request's page size)",
  OFFSET: "'OFFSET' clause is not supported (use the request's page token)",
  HAVING: "'HAVING' clause is not supported",
};

export function parseListFilter(text: string): SyntaxQuery {
  return new Parser(tokenize(text)).parseQuery();
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): SyntaxQuery {
    const startsWithClause = this.isKeyword('ORDER') || this.isKeyword('GROUP');
    const where = this.peek().type === 'end' || startsWithClause ? undefined : this.parseExpression();
    const groupBy = this.isKeyword('GROUP') ? this.parseGroupBy() : [];
    const orderBy = this.isKeyword('ORDER') ? this.parseOrderBy() : [];
    if (this.isSymbol(';')) this.advance();
    const trailing = this.peek();
    if (trailing.type !== 'end') {
      const clause = trailing.type === 'keyword' ? UNSUPPORTED_CLAUSES[trailing.keyword] : undefined;
      if (clause !== undefined) throw new ParseError(clause, trailing.position);
      if (trailing.type === 'keyword' && trailing.keyword === 'GROUP') {
        throw new ParseError("'GROUP BY' must come before 'ORDER BY'", trailing.position);
      }
      throw new ParseError(`unexpected ${describeToken(trailing)} after the filter`, trailing.position);
    }
    return { where, groupBy, orderBy };
  }

  private parseExpression(): Expression {
    const operands = [this.parseConjunction()];
    while (this.isKeyword('OR')) {
      this.advance();
      operands.push(this.parseConjunction());
    }
    return joinOperands('or', operands);
  }

  private parseConjunction(): Expression {
    const operands = [this.parseNegation()];
    while (this.isKeyword('AND')) {
      this.advance();
      operands.push(this.parseNegation());
    }
    return joinOperands('and', operands);
  }

  private parseNegation(): Expression {
    const token = this.peek();
    if (token.type === 'keyword' && token.keyword === 'NOT') {
      this.advance();
      return { kind: 'not', operand: this.parseNegation(), position: token.position };
    }
    if (token.type === 'symbol' && token.symbol === '(') {
      this.advance();
      const inner = this.parseExpression();
      this.expectSymbol(')', `expected ')' to close the '(' at position ${token.position}`);
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): Predicate {
    const attribute = this.parseAttributeName('expected a search attribute name');
    const token = this.peek();
    if (token.type === 'symbol') {
      const operator = COMPARISON_SYMBOLS[token.symbol];
      if (operator !== undefined) {
        this.advance();
        return { kind: 'compare', attribute, operator, value: this.parseValue(`'${token.symbol}'`) };
      }
    }
    if (token.type === 'keyword') {
      switch (token.keyword) {
        case 'IS':
          return this.parseIsNull(attribute);
        case 'NOT':
          this.advance();
          return this.parseNegatable(attribute, true, 'NOT');
        case 'IN':
        case 'BETWEEN':
        case 'STARTS_WITH':
          return this.parseNegatable(attribute, false, token.keyword);
        case 'LIKE':
          throw new ParseError("operator 'LIKE' is not supported (use STARTS_WITH)", token.position);
        default:
          break;
      }
    }
    throw new ParseError(
      `expected an operator after '${attribute.name}', found ${describeToken(token)}`,
      token.position,
    );
  }

  /** IN, BETWEEN and STARTS_WITH, after an optional NOT (`previous` names what came before). */
  private parseNegatable(attribute: AttributeName, negated: boolean, previous: string): Predicate {
    const token = this.advance();
    if (token.type === 'keyword' && token.keyword === 'IN') {
      this.expectSymbol('(', "expected '(' after 'IN'");
      const values = [this.parseValue("'('")];
      while (this.isSymbol(',')) {
        this.advance();
        values.push(this.parseValue("','"));
      }
      this.expectSymbol(')', "expected ',' or ')' in the IN list");
      return { kind: 'in', attribute, negated, values };
    }
    if (token.type === 'keyword' && token.keyword === 'BETWEEN') {
      const low = this.parseValue("'BETWEEN'");
      this.expectKeyword('AND', "expected 'AND' between the two BETWEEN values");
      const high = this.parseValue("'AND'");
      return { kind: 'between', attribute, negated, low, high };
    }
    if (token.type === 'keyword' && token.keyword === 'STARTS_WITH') {
      return { kind: 'startsWith', attribute, negated, prefix: this.parseValue("'STARTS_WITH'") };
    }
    throw new ParseError(
      `expected IN, BETWEEN or STARTS_WITH after '${previous}', found ${describeToken(token)}`,
      token.position,
    );
  }

  private parseIsNull(attribute: AttributeName): Predicate {
    this.advance();
    let negated = false;
    if (this.isKeyword('NOT')) {
      this.advance();
      negated = true;
    }
    const token = this.advance();
    if (token.type !== 'keyword' || token.keyword !== 'NULL') {
      throw new ParseError(
        `'IS' can only be used as 'IS NULL' or 'IS NOT NULL', found ${describeToken(token)}`,
        token.position,
      );
    }
    return { kind: 'isNull', attribute, negated };
  }

  /** `after` names the token before the value, for the message: expected a value after '='. */
  private parseValue(after: string): Literal {
    const token = this.advance();
    switch (token.type) {
      case 'string':
        return { kind: 'string', value: token.value, position: token.position };
      case 'number':
        return numberLiteral(token.text, false, token.position);
      case 'keyword':
        if (token.keyword === 'TRUE' || token.keyword === 'FALSE') {
          return { kind: 'boolean', value: token.keyword === 'TRUE', position: token.position };
        }
        break;
      case 'symbol':
        if (token.symbol === '-' || token.symbol === '+') {
          const number = this.advance();
          if (number.type !== 'number') {
            throw new ParseError(`expected a number after '${token.symbol}'`, number.position);
          }
          return numberLiteral(number.text, token.symbol === '-', token.position);
        }
        break;
      case 'identifier':
        throw new ParseError(
          `expected a value after ${after}, found search attribute name '${token.name}' ` +
            '(comparing two attributes is not supported; did you forget to quote it?)',
          token.position,
        );
      default:
        break;
    }
    throw new ParseError(`expected a value after ${after}, found ${describeToken(token)}`, token.position);
  }

  private parseAttributeName(expected: string): AttributeName {
    const token = this.advance();
    if (token.type === 'identifier') return { name: token.name, position: token.position };
    const hint =
      token.type === 'string' || token.type === 'number'
        ? ' (the search attribute goes on the left of the operator)'
        : '';
    throw new ParseError(`${expected}, found ${describeToken(token)}${hint}`, token.position);
  }

  private parseGroupBy(): AttributeName[] {
    this.advance();
    this.expectKeyword('BY', "expected 'BY' after 'GROUP'");
    const names = [this.parseAttributeName("expected a search attribute name after 'GROUP BY'")];
    while (this.isSymbol(',')) {
      this.advance();
      names.push(this.parseAttributeName("expected a search attribute name after ','"));
    }
    return names;
  }

  private parseOrderBy(): OrderByTerm[] {
    this.advance();
    this.expectKeyword('BY', "expected 'BY' after 'ORDER'");
    const terms: OrderByTerm[] = [];
    do {
      if (terms.length > 0) this.advance();
      const attribute = this.parseAttributeName(
        `expected a search attribute name after '${terms.length === 0 ? 'ORDER BY' : ','}'`,
      );
      let direction: OrderByTerm['direction'] = 'asc';
      if (this.isKeyword('ASC') || this.isKeyword('DESC')) {
        direction = this.isKeyword('DESC') ? 'desc' : 'asc';
        this.advance();
      }
      terms.push({ attribute, direction });
    } while (this.isSymbol(','));
    return terms;
  }

  private expectSymbol(symbol: SymbolText, problem: string): void {
    const token = this.advance();
    if (token.type !== 'symbol' || token.symbol !== symbol) {
      throw new ParseError(`${problem}, found ${describeToken(token)}`, token.position);
    }
  }

  private expectKeyword(keyword: Keyword, problem: string): void {
    const token = this.advance();
    if (token.type !== 'keyword' || token.keyword !== keyword) {
      throw new ParseError(`${problem}, found ${describeToken(token)}`, token.position);
    }
  }

  private peek(): Token {
    // The token list always ends with an 'end' token, and advance() never moves past it.
    return this.tokens[this.index] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private isKeyword(keyword: Keyword): boolean {
    const token = this.peek();
    return token.type === 'keyword' && token.keyword === keyword;
  }

  private isSymbol(symbol: SymbolText): boolean {
    const token = this.peek();
    return token.type === 'symbol' && token.symbol === symbol;
  }
}

/** Flattens `(a AND b) AND c` into one n-ary node, so equal filters have equal trees. */
function joinOperands(kind: 'and' | 'or', operands: Expression[]): Expression {
  if (operands.length === 1) return operands[0] as Expression;
  const flat = operands.flatMap((operand) => (operand.kind === kind ? operand.operands : [operand]));
  return { kind, operands: flat };
}

function numberLiteral(text: string, negative: boolean, position: number): Literal {
  if (/^[0-9]+$/.test(text)) {
    const magnitude = BigInt(text);
    const value = negative ? -magnitude : magnitude;
    if (value > 9223372036854775807n || value < -9223372036854775808n) {
      throw new ParseError(
        `number ${negative ? '-' : ''}${text} is out of the 64-bit integer range`,
        position,
      );
    }
    return { kind: 'integer', value, position };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ParseError(`number ${text} is out of range`, position);
  return { kind: 'float', value: negative ? -value : value, position };
}
