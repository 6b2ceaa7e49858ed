import { ResourceExhausted, type ResourceExhaustedCause } from '@kairos/errors';
import type { NamespaceLimits } from './namespace-limits.ts';

const problems: Record<keyof NamespaceLimits, string> = {
  requestsPerSecond: 'namespace rate limit exceeded',
  actionsPerSecond: 'namespace action rate limit exceeded',
  maxConcurrentPollers: 'too many concurrent pollers',
  maxOpenWorkflows: 'too many open workflows',
};

/**
 * RESOURCE_EXHAUSTED as Temporal answers a namespace limit: ResourceExhaustedFailure with the cause
 * and scope NAMESPACE (SDKs back off on it), and a message naming the limit and its value.
 */
export function quotaExceeded(options: {
  namespace: string;
  limit: keyof NamespaceLimits;
  value: number;
  cause: ResourceExhaustedCause;
  /** api processes sharing the limit; mentioned when more than one. */
  instances: number;
}): ResourceExhausted {
  const shared = options.instances > 1 ? `, shared by ${options.instances} api processes` : '';
  return new ResourceExhausted(
    `${problems[options.limit]}: ${options.limit} limit of ${options.value} for namespace ${options.namespace}${shared}.`,
    { detail: { type: 'ResourceExhausted', cause: options.cause, scope: 'NAMESPACE' } },
  );
}
