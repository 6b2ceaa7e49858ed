import { describe, expect, it } from 'vitest';
import {
  CATALOG_TYPES_READ_AS_TEXT,
  charColumnsOf,
  readCatalogTypesAsText,
} from './catalog-friendly-pg-client.ts';

describe('readCatalogTypesAsText', () => {
  it('relabels catalog types as text and remembers which columns were "char"', () => {
    const rows = [['c', 'CHECK (x > 0)', '1 2']];
    const result = readCatalogTypesAsText({
      fields: [{ dataTypeID: 18 }, { dataTypeID: 25 }, { dataTypeID: 22 }, { dataTypeID: 23 }],
      rows,
    });
    expect(result.fields.map((field) => field.dataTypeID)).toEqual([25, 25, 25, 23]);
    expect(charColumnsOf(rows)).toEqual([0]);
  });

  it('leaves results without catalog types (or without fields) alone', () => {
    const rows: unknown[] = [];
    const result = readCatalogTypesAsText({ fields: [{ dataTypeID: 23 }], rows });
    expect(result.fields[0]?.dataTypeID).toBe(23);
    expect(charColumnsOf(rows)).toEqual([]);
    expect(readCatalogTypesAsText(undefined)).toBeUndefined();
    expect(readCatalogTypesAsText({ command: 'SET' })).toEqual({ command: 'SET' });
  });

  it('covers "char", the type the engine reads from pg_constraint.contype', () => {
    expect(CATALOG_TYPES_READ_AS_TEXT.get(18)).toBe('"char"');
  });
});
