import { ParseError } from './parse-error.ts';

// Splits a list filter into tokens. The language is the SQL subset Temporal accepts (its server parses
// filters with a MySQL-dialect parser), so lexing follows MySQL: keywords are case-insensitive,
// strings take single or double quotes with doubled-quote and backslash escapes, names with other
// characters go in backticks, and `--`, `#` and `/* */` comments are skipped.

export const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'IN',
  'BETWEEN',
  'STARTS_WITH',
  'IS',
  'NULL',
  'ORDER',
  'GROUP',
  'BY',
  'ASC',
  'DESC',
  'TRUE',
  'FALSE',
  // Not part of the language; recognised so the parser can name them in its error.
  'LIMIT',
  'LIKE',
  'OFFSET',
  'HAVING',
  'SELECT',
  'WHERE',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

export type SymbolText = '=' | '!=' | '<>' | '>' | '>=' | '<' | '<=' | '(' | ')' | ',' | '+' | '-' | ';';

export type Token =
  | { type: 'identifier'; name: string; quoted: boolean; position: number }
  | { type: 'keyword'; keyword: Keyword; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'number'; text: string; position: number }
  | { type: 'symbol'; symbol: SymbolText; position: number }
  | { type: 'end'; position: number };

const TWO_CHAR_SYMBOLS: ReadonlySet<string> = new Set(['!=', '<>', '>=', '<=']);
const ONE_CHAR_SYMBOLS: ReadonlySet<string> = new Set(['=', '>', '<', '(', ')', ',', '+', '-', ';']);
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
};

function isIdentifierStart(char: string): boolean {
  return /[A-Za-z_]/.test(char);
}

function isIdentifierPart(char: string): boolean {
  return /[A-Za-z0-9_]/.test(char);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Positions are 1-based offsets into the JavaScript string (UTF-16 code units). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;

  const skipTrivia = (): void => {
    for (;;) {
      const char = text[index];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f') {
        index += 1;
      } else if (char === '#' || (char === '-' && text[index + 1] === '-')) {
        while (index < text.length && text[index] !== '\n') index += 1;
      } else if (char === '/' && text[index + 1] === '*') {
        const close = text.indexOf('*/', index + 2);
        if (close === -1) throw new ParseError('unterminated comment', index + 1);
        index = close + 2;
      } else {
        return;
      }
    }
  };

  const readQuoted = (quote: string, what: string): string => {
    const start = index;
    let value = '';
    index += 1;
    for (;;) {
      const char = text[index];
      if (char === undefined) throw new ParseError(`unterminated ${what}`, start + 1);
      if (char === quote) {
        if (text[index + 1] === quote) {
          value += quote;
          index += 2;
          continue;
        }
        index += 1;
        return value;
      }
      if (char === '\\' && quote !== '`') {
        const next = text[index + 1];
        if (next === undefined) throw new ParseError(`unterminated ${what}`, start + 1);
        value += BACKSLASH_ESCAPES[next] ?? next;
        index += 2;
        continue;
      }
      value += char;
      index += 1;
    }
  };

  const readNumber = (): string => {
    const start = index;
    while (isDigit(text[index])) index += 1;
    if (text[index] === '.') {
      index += 1;
      while (isDigit(text[index])) index += 1;
    }
    if (text[index] === 'e' || text[index] === 'E') {
      const signed = text[index + 1] === '+' || text[index + 1] === '-';
      if (isDigit(text[index + (signed ? 2 : 1)])) {
        index += signed ? 2 : 1;
        while (isDigit(text[index])) index += 1;
      }
    }
    // `12abc` or `0x10` is neither a number nor a name: reject it rather than read two tokens.
    if (index < text.length && isIdentifierPart(text[index] as string)) {
      while (index < text.length && isIdentifierPart(text[index] as string)) index += 1;
      throw new ParseError(`invalid number '${text.slice(start, index)}'`, start + 1);
    }
    return text.slice(start, index);
  };

  for (;;) {
    skipTrivia();
    const position = index + 1;
    const char = text[index];
    if (char === undefined) {
      tokens.push({ type: 'end', position });
      return tokens;
    }
    if (char === "'" || char === '"') {
      tokens.push({ type: 'string', value: readQuoted(char, 'string'), position });
    } else if (char === '`') {
      const name = readQuoted('`', 'quoted name');
      if (name === '') throw new ParseError('empty quoted name', position);
      tokens.push({ type: 'identifier', name, quoted: true, position });
    } else if (isDigit(char) || (char === '.' && isDigit(text[index + 1]))) {
      tokens.push({ type: 'number', text: readNumber(), position });
    } else if (isIdentifierStart(char)) {
      const start = index;
      while (index < text.length && isIdentifierPart(text[index] as string)) index += 1;
      const word = text.slice(start, index);
      const upper = word.toUpperCase();
      tokens.push(
        keywordSet.has(upper)
          ? { type: 'keyword', keyword: upper as Keyword, position }
          : { type: 'identifier', name: word, quoted: false, position },
      );
    } else if (TWO_CHAR_SYMBOLS.has(text.slice(index, index + 2))) {
      tokens.push({ type: 'symbol', symbol: text.slice(index, index + 2) as SymbolText, position });
      index += 2;
    } else if (ONE_CHAR_SYMBOLS.has(char)) {
      tokens.push({ type: 'symbol', symbol: char as SymbolText, position });
      index += 1;
    } else {
      const codePoint = String.fromCodePoint(text.codePointAt(index) ?? 0);
      throw new ParseError(`unexpected character '${codePoint}'`, position);
    }
  }
}

/** How a token is named in error messages: `'AND'`, `'='`, `string 'abc'`, `end of query`. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'identifier':
      return `name '${token.name}'`;
    case 'keyword':
      return `'${token.keyword}'`;
    case 'string':
      return `string '${token.value}'`;
    case 'number':
      return `number ${token.text}`;
    case 'symbol':
      return `'${token.symbol}'`;
    case 'end':
      return 'end of query';
  }
}
