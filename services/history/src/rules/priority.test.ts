import { describe, expect, it } from 'vitest';
import { priorityProblem } from './priority.ts';

describe('priorityProblem', () => {
  it('accepts no priority and valid ones', () => {
    expect(priorityProblem(undefined)).toBeUndefined();
    expect(priorityProblem(null)).toBeUndefined();
    expect(priorityProblem({})).toBeUndefined();
    expect(
      priorityProblem({ priorityKey: 5, fairnessKey: 'k'.repeat(64), fairnessWeight: 2.5 }),
    ).toBeUndefined();
  });

  it('names the sub-field at fault', () => {
    expect(priorityProblem({ priorityKey: -1 })).toEqual({
      field: 'priorityKey',
      problem: 'must not be negative, got -1',
    });
    expect(priorityProblem({ fairnessKey: 'k'.repeat(65) })).toEqual({
      field: 'fairnessKey',
      problem: 'must be at most 64 bytes, got 65',
    });
    expect(priorityProblem({ fairnessWeight: -1 })).toEqual({
      field: 'fairnessWeight',
      problem: 'must not be negative, got -1',
    });
  });
});
