import type { Plan } from '../auth/sessions.ts';

/** The four per-namespace limits the api enforces (gRPC) and the console shows. */
export const QUOTA_LIMITS = [
  'requestsPerSecond',
  'actionsPerSecond',
  'maxOpenWorkflows',
  'maxConcurrentPollers',
] as const;
export type QuotaLimit = (typeof QUOTA_LIMITS)[number];

export type QuotaValues = Record<QuotaLimit, number>;

/** A namespace_quotas row's limit columns: null (or no row) means "the account plan's default". */
export type QuotaOverride = Record<QuotaLimit, number | null>;

export type EffectiveQuota = Record<QuotaLimit, { value: number; source: 'plan' | 'override' }>;

export const PLAN_DEFAULTS: Record<Plan, QuotaValues> = {
  free: { requestsPerSecond: 50, actionsPerSecond: 20, maxOpenWorkflows: 1_000, maxConcurrentPollers: 50 },
  standard: {
    requestsPerSecond: 400,
    actionsPerSecond: 200,
    maxOpenWorkflows: 100_000,
    maxConcurrentPollers: 500,
  },
  enterprise: {
    requestsPerSecond: 4_000,
    actionsPerSecond: 2_000,
    maxOpenWorkflows: 10_000_000,
    maxConcurrentPollers: 5_000,
  },
};

/**
 * The limits in force for a namespace: each override column when set, else the plan's default.
 * Shared by the console (quotas.list) and the gRPC quota enforcement, so both always agree.
 */
export function effectiveQuota(plan: Plan, override: QuotaOverride | null): EffectiveQuota {
  const defaults = PLAN_DEFAULTS[plan];
  const limit = (name: QuotaLimit) => {
    const value = override?.[name];
    return value === null || value === undefined
      ? { value: defaults[name], source: 'plan' as const }
      : { value, source: 'override' as const };
  };
  return {
    requestsPerSecond: limit('requestsPerSecond'),
    actionsPerSecond: limit('actionsPerSecond'),
    maxOpenWorkflows: limit('maxOpenWorkflows'),
    maxConcurrentPollers: limit('maxConcurrentPollers'),
  };
}
