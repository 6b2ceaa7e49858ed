import type { TypedValue } from './checked-tree.ts';
import { normalizeRfc3339, unixNanosToRfc3339 } from './datetime-value.ts';
import { parseDurationNanos } from './duration-value.ts';
import { ParseError } from './parse-error.ts';
import { EXECUTION_STATUS_NAMES, type SearchAttribute } from './search-attributes.ts';
import type { Literal } from './syntax-tree.ts';

// Converts a literal to the value type of the attribute it is compared with, or explains why not.
// Follows Temporal's converter: numbers for Int/Double, true/false for Bool, strings for
// Keyword/KeywordList/Text, RFC 3339 strings or Unix nanoseconds for Datetime; ExecutionStatus
// takes a status name (case-sensitive) or its enum number; ExecutionDuration a duration.

export function coerceValue(attribute: SearchAttribute, literal: Literal): TypedValue {
  if (attribute.kind === 'system' && attribute.name === 'ExecutionStatus') {
    return coerceExecutionStatus(literal);
  }
  if (attribute.kind === 'system' && attribute.name === 'ExecutionDuration') {
    return coerceExecutionDuration(literal);
  }
  switch (attribute.type) {
    case 'Keyword':
    case 'KeywordList':
      if (literal.kind === 'string') return literal.value;
      throw typeMismatch(attribute, literal, 'a string');
    case 'Text':
      if (literal.kind !== 'string') throw typeMismatch(attribute, literal, 'a string');
      if (literal.value.trim() === '') {
        throw new ParseError(
          `no words to match in ${describeLiteral(literal)} for Text attribute '${attribute.name}'`,
          literal.position,
        );
      }
      return literal.value;
    case 'Int':
      if (literal.kind === 'integer' || literal.kind === 'float') return literal.value;
      throw typeMismatch(attribute, literal, 'a number');
    case 'Double':
      if (literal.kind === 'integer') return Number(literal.value);
      if (literal.kind === 'float') return literal.value;
      throw typeMismatch(attribute, literal, 'a number');
    case 'Bool':
      if (literal.kind === 'boolean') return literal.value;
      throw typeMismatch(attribute, literal, 'true or false');
    case 'Datetime':
      return coerceDatetime(attribute, literal);
  }
}

function coerceDatetime(attribute: SearchAttribute, literal: Literal): string {
  if (literal.kind === 'string') {
    const normalized = normalizeRfc3339(literal.value);
    if (normalized !== undefined) return normalized;
    throw new ParseError(
      `invalid datetime ${describeLiteral(literal)} for '${attribute.name}' ` +
        `(expected RFC 3339, e.g. '2021-06-07T16:46:34.236-08:00')`,
      literal.position,
    );
  }
  if (literal.kind === 'integer') {
    const normalized = unixNanosToRfc3339(literal.value);
    if (normalized !== undefined) return normalized;
    throw new ParseError(`datetime ${literal.value} (Unix nanoseconds) is out of range`, literal.position);
  }
  throw typeMismatch(attribute, literal, 'an RFC 3339 string or Unix nanoseconds');
}

function coerceExecutionStatus(literal: Literal): string {
  const expected = `expected one of ${EXECUTION_STATUS_NAMES.join(', ')}`;
  if (literal.kind === 'string') {
    const name = EXECUTION_STATUS_NAMES.find((status) => status === literal.value);
    if (name !== undefined) return name;
  } else if (literal.kind === 'integer') {
    const name = EXECUTION_STATUS_NAMES[Number(literal.value) - 1];
    if (literal.value >= 1n && name !== undefined) return name;
  }
  throw new ParseError(
    `invalid ExecutionStatus value ${describeLiteral(literal)} (${expected})`,
    literal.position,
  );
}

function coerceExecutionDuration(literal: Literal): bigint {
  if (literal.kind === 'integer') return literal.value;
  if (literal.kind === 'string') {
    const nanos = parseDurationNanos(literal.value);
    if (nanos !== undefined) return nanos;
  }
  throw new ParseError(
    `invalid ExecutionDuration value ${describeLiteral(literal)} ` +
      "(expected nanoseconds, a duration such as '1h30m' or '90s', or 'hh:mm:ss')",
    literal.position,
  );
}

function typeMismatch(attribute: SearchAttribute, literal: Literal, expected: string): ParseError {
  return new ParseError(
    `invalid value ${describeLiteral(literal)} for ${attribute.type} attribute '${attribute.name}' ` +
      `(expected ${expected})`,
    literal.position,
  );
}

export function describeLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return `'${literal.value}'`;
    case 'integer':
      return literal.value.toString();
    case 'float':
      return String(literal.value);
    case 'boolean':
      return String(literal.value);
  }
}
