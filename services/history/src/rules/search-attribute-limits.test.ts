import { describe, expect, it } from 'vitest';
import { searchAttributesCountProblem, searchAttributesSizeProblem } from './search-attribute-limits.ts';

const value = (bytes: number) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.alloc(bytes, 0x61),
});

describe('search attribute limits', () => {
  it('allow up to 100 attributes', () => {
    const fields = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`A${index}`, value(1)]));
    expect(searchAttributesCountProblem(fields(100))).toBeUndefined();
    expect(searchAttributesCountProblem(undefined)).toBeUndefined();
    expect(searchAttributesCountProblem(fields(101))).toEqual({
      field: 'indexedFields',
      problem: 'has 101 search attributes, over the limit of 100',
    });
  });

  it('allow values up to 2 KB of data each', () => {
    expect(searchAttributesSizeProblem({ A: value(2048) })).toBeUndefined();
    expect(searchAttributesSizeProblem({ A: value(10), B: value(2049) })).toEqual({
      field: 'indexedFields.B',
      problem: 'value is 2049 bytes, over the limit of 2048 bytes',
    });
  });

  it('allow up to 40 KB for the whole encoded map', () => {
    const fields = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`K${index}`, value(2000)]));
    expect(searchAttributesSizeProblem(fields(20))).toBeUndefined();
    expect(searchAttributesSizeProblem(fields(21))).toEqual({
      field: 'indexedFields',
      problem: expect.stringMatching(/^total size is 4\d{4} bytes, over the limit of 40960 bytes$/),
    });
    expect(searchAttributesSizeProblem(null)).toBeUndefined();
  });
});
