import { Long } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import {
  refuseArchival,
  requireNamespaceName,
  retentionDaysFrom,
  validateNamespaceId,
  validateNewNamespaceName,
} from './namespace-fields.ts';

const invalid = (field: string, message: RegExp) =>
  expect.objectContaining({ code: 'INVALID_ARGUMENT', field, message: expect.stringMatching(message) });

describe('namespace names', () => {
  it('accept Temporal Cloud style names for new namespaces', () => {
    for (const name of ['default', 'ab', 'orders-prod', 'a1', 'x'.repeat(39), 'team-42-eu']) {
      expect(validateNewNamespaceName(name)).toBe(name);
    }
  });

  it('refuse other new names, saying why', () => {
    expect(() => validateNewNamespaceName('')).toThrow(
      invalid('namespace', /^namespace: must not be empty$/),
    );
    expect(() => validateNewNamespaceName('a')).toThrow(invalid('namespace', /2 to 39 characters, got 1$/));
    expect(() => validateNewNamespaceName('a'.repeat(40))).toThrow(invalid('namespace', /got 40$/));
    for (const name of ['Orders', '1orders', 'orders-', '-orders', 'orders_prod', 'orders.prod', 'ordérs']) {
      expect(() => validateNewNamespaceName(name), name).toThrow(
        invalid('namespace', /must start with a lowercase letter/),
      );
    }
  });

  it('look up any name up to 1000 characters, as Temporal does', () => {
    expect(requireNamespaceName('Legacy.Namespace_1')).toBe('Legacy.Namespace_1');
    expect(requireNamespaceName('n'.repeat(1000))).toHaveLength(1000);
    expect(() => requireNamespaceName('n'.repeat(1001))).toThrow(
      invalid('namespace', /at most 1000 characters, got 1001/),
    );
    expect(() => requireNamespaceName('', 'operation.namespace')).toThrow(
      invalid('operation.namespace', /^operation\.namespace: must not be empty$/),
    );
  });

  it('take ids as UUIDs', () => {
    expect(validateNamespaceId('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(() => validateNamespaceId('42')).toThrow(invalid('id', /^id: must be a UUID, got "42"$/));
  });
});

describe('retention', () => {
  const seconds = (value: number, nanos = 0) => ({ seconds: Long.fromNumber(value), nanos });

  it('is unset when the request leaves it out', () => {
    expect(retentionDaysFrom(null, 'r')).toBeUndefined();
    expect(retentionDaysFrom(undefined, 'r')).toBeUndefined();
  });

  it('converts whole days within 1-90', () => {
    expect(retentionDaysFrom(seconds(86_400), 'r')).toBe(1);
    expect(retentionDaysFrom(seconds(90 * 86_400), 'r')).toBe(90);
    expect(retentionDaysFrom({ seconds: Long.fromNumber(3 * 86_400) }, 'r')).toBe(3);
  });

  it('refuses the rest, naming the field', () => {
    expect(() => retentionDaysFrom(seconds(0), 'r')).toThrow(
      invalid('r', /^r: must be between 1 and 90 days, got 0 days$/),
    );
    expect(() => retentionDaysFrom(seconds(91 * 86_400), 'r')).toThrow(invalid('r', /got 91 days$/));
    expect(() => retentionDaysFrom(seconds(-86_400), 'r')).toThrow(invalid('r', /got -1 days$/));
    expect(() => retentionDaysFrom(seconds(72 * 3600 + 1), 'r')).toThrow(
      invalid('r', /whole number of days/),
    );
    expect(() => retentionDaysFrom(seconds(86_400, 1), 'r')).toThrow(invalid('r', /whole number of days/));
  });
});

describe('archival', () => {
  it('is refused when asked for, and passes when left alone', () => {
    expect(() =>
      refuseArchival({ historyArchivalState: 0, historyArchivalUri: '', visibilityArchivalState: 1 }),
    ).not.toThrow();
    expect(() => refuseArchival({ historyArchivalState: 2 })).toThrow(
      invalid('historyArchivalState', /not available/),
    );
    expect(() => refuseArchival({ 'config.visibilityArchivalUri': 'file:///tmp' })).toThrow(
      invalid('config.visibilityArchivalUri', /^config\.visibilityArchivalUri: archival is not available/),
    );
  });
});
