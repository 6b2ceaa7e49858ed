import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { searchAttributeProblem, type SearchAttributeLookup } from './search-attribute-value.ts';

const T = temporal.api.enums.v1.IndexedValueType;
const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: T.INDEXED_VALUE_TYPE_KEYWORD,
  Text: T.INDEXED_VALUE_TYPE_TEXT,
  Int: T.INDEXED_VALUE_TYPE_INT,
  Double: T.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: T.INDEXED_VALUE_TYPE_BOOL,
  Datetime: T.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: T.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Weird: T.INDEXED_VALUE_TYPE_UNSPECIFIED,
};
const lookup: SearchAttributeLookup = (name) => (name === 'ExecutionStatus' ? 'system' : types[name]);
const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});
const problem = (name: string, payload: temporal.api.common.v1.IPayload | null) =>
  searchAttributeProblem(name, payload, lookup);

describe('searchAttributeProblem', () => {
  it('accepts values of the registered type', () => {
    const good: [string, unknown][] = [
      ['Keyword', 'abc'],
      ['Text', 'free text'],
      ['Int', 42],
      ['Int', -7],
      ['Double', 1.5],
      ['Double', 3],
      ['Bool', false],
      ['Datetime', '2026-11-23T10:00:00Z'],
      ['Datetime', '2026-11-23T10:00:00.123+02:00'],
      ['KeywordList', ['a', 'b']],
      ['KeywordList', []],
    ];
    for (const [name, value] of good)
      expect(problem(name, json(value)), `${name} ${JSON.stringify(value)}`).toBeUndefined();
  });

  it('accepts null (removing the attribute) in either encoding', () => {
    expect(problem('Int', json(null))).toBeUndefined();
    expect(problem('Int', { metadata: { encoding: Buffer.from('binary/null') } })).toBeUndefined();
  });

  it('accepts a scalar wrapped in a one-element (or empty) list, refuses longer lists', () => {
    expect(problem('Keyword', json(['only']))).toBeUndefined();
    expect(problem('Int', json([]))).toBeUndefined();
    expect(problem('Keyword', json(['a', 'b']))).toBe(
      'invalid value for search attribute Keyword of type Keyword',
    );
  });

  it('refuses values of another type', () => {
    const bad: [string, unknown][] = [
      ['Keyword', 5],
      ['Int', 1.5],
      ['Int', '5'],
      ['Double', 'NaN'],
      ['Bool', 'true'],
      ['Datetime', 'yesterday'],
      ['Datetime', '2026-11-23'],
      ['KeywordList', 'a'],
      ['KeywordList', ['a', 1]],
      ['Weird', 'x'],
    ];
    for (const [name, value] of bad) {
      expect(problem(name, json(value)), `${name} ${JSON.stringify(value)}`).toMatch(
        `invalid value for search attribute ${name}`,
      );
    }
  });

  it('names the type the way Temporal does', () => {
    expect(problem('KeywordList', json(3))).toBe(
      'invalid value for search attribute KeywordList of type KeywordList',
    );
  });

  it('refuses unknown names, system attributes, other encodings and broken JSON', () => {
    expect(problem('Nope', json(1))).toBe('search attribute Nope is not defined');
    expect(problem('ExecutionStatus', json('Running'))).toBe(
      'ExecutionStatus is a system search attribute and cannot be set',
    );
    expect(
      problem('Keyword', { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.from('x') }),
    ).toMatch(/unsupported encoding "binary\/plain"/);
    expect(problem('Keyword', null)).toMatch(/unsupported encoding ""/);
    expect(
      problem('Keyword', { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{') }),
    ).toMatch(/not valid UTF-8 JSON/);
    expect(
      problem('Keyword', {
        metadata: { encoding: Buffer.from('json/plain') },
        data: Buffer.from([0x22, 0xff, 0x22]),
      }),
    ).toMatch(/not valid UTF-8 JSON/);
  });
});
