import { describe, expect, it } from 'vitest';
import { effectiveQuota, PLAN_DEFAULTS } from './plan-defaults.ts';

describe('plan default quotas', () => {
  it('are the published numbers for each plan', () => {
    expect(PLAN_DEFAULTS).toEqual({
      free: { requestsPerSecond: 50, actionsPerSecond: 20, maxOpenWorkflows: 1000, maxConcurrentPollers: 50 },
      standard: {
        requestsPerSecond: 400,
        actionsPerSecond: 200,
        maxOpenWorkflows: 100000,
        maxConcurrentPollers: 500,
      },
      enterprise: {
        requestsPerSecond: 4000,
        actionsPerSecond: 2000,
        maxOpenWorkflows: 10000000,
        maxConcurrentPollers: 5000,
      },
    });
  });

  it('uses the plan default for every limit without an override row', () => {
    expect(effectiveQuota('free', null)).toEqual({
      requestsPerSecond: { value: 50, source: 'plan' },
      actionsPerSecond: { value: 20, source: 'plan' },
      maxOpenWorkflows: { value: 1000, source: 'plan' },
      maxConcurrentPollers: { value: 50, source: 'plan' },
    });
  });

  it('takes each set column of an override and falls back per column for nulls', () => {
    const quota = effectiveQuota('standard', {
      requestsPerSecond: 7,
      actionsPerSecond: null,
      maxOpenWorkflows: 3,
      maxConcurrentPollers: null,
    });
    expect(quota).toEqual({
      requestsPerSecond: { value: 7, source: 'override' },
      actionsPerSecond: { value: 200, source: 'plan' },
      maxOpenWorkflows: { value: 3, source: 'override' },
      maxConcurrentPollers: { value: 500, source: 'plan' },
    });
  });

  it('lets an override exceed the plan (an operator raised it)', () => {
    const quota = effectiveQuota('free', {
      requestsPerSecond: 100_000,
      actionsPerSecond: null,
      maxOpenWorkflows: null,
      maxConcurrentPollers: null,
    });
    expect(quota.requestsPerSecond).toEqual({ value: 100_000, source: 'override' });
  });
});
