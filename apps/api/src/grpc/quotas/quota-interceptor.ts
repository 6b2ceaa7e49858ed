import type { HistoryClient } from '@kairos/history/client';
import type { NamespaceAccess } from '../../namespaces/namespace-repository.ts';
import type { RpcCall, RpcInterceptor, RpcNext } from '../rpc-call.ts';
import type { ApiInstanceCount } from './api-instances.ts';
import type { NamespaceLimits, NamespaceLimitsSource } from './namespace-limits.ts';
import { quotaExceeded } from './quota-errors.ts';
import { rpcQuotaClass } from './rpc-quota-classes.ts';
import { monotonicClock, TokenBucket, type Clock } from './token-bucket.ts';

/** How long a count of open workflows is trusted (starts in between are added to it locally). */
const OPEN_COUNT_TTL_MS = 1_000;

export interface QuotaInterceptorOptions {
  limits: NamespaceLimitsSource;
  instances: ApiInstanceCount;
  history: Pick<HistoryClient, 'countOpenExecutions'>;
  clock?: Clock;
}

/** This process's meters of one namespace. */
interface NamespaceMeter {
  requests: TokenBucket;
  actions: TokenBucket;
  pollers: number;
  open: { count: number; readAt: number } | undefined;
}

/** This process's share of a per-second limit: limit / processes, a burst of one second of it. */
function share(limit: number, instances: number): { rate: number; capacity: number } {
  const rate = limit / instances;
  return { rate, capacity: Math.max(1, rate) };
}

/**
 * Per-namespace quotas, the step after authorization (ARCHITECTURE.md, Multi-tenancy): requests/s for
 * every namespace-scoped rpc, actions/s for billable actions (rpc-quota-classes.ts), concurrent
 * pollers, and open workflows for rpcs that may start one. Low-priority calls keep 20% of each bucket
 * for starts, signals and workers' responses. Each api process enforces limit / (api processes alive),
 * see api-instances.ts; limits are re-read every 2 s (namespace-limits.ts).
 */
export function quotaInterceptor(options: QuotaInterceptorOptions): RpcInterceptor {
  const clock = options.clock ?? monotonicClock;
  const meters = new Map<string, NamespaceMeter>();

  function meterFor(namespaceId: string, limits: NamespaceLimits, instances: number): NamespaceMeter {
    const requests = share(limits.requestsPerSecond, instances);
    const actions = share(limits.actionsPerSecond, instances);
    let meter = meters.get(namespaceId);
    if (!meter) {
      meter = {
        requests: new TokenBucket(clock, requests.rate, requests.capacity),
        actions: new TokenBucket(clock, actions.rate, actions.capacity),
        pollers: 0,
        open: undefined,
      };
      meters.set(namespaceId, meter);
    }
    meter.requests.reconfigure(requests.rate, requests.capacity);
    meter.actions.reconfigure(actions.rate, actions.capacity);
    return meter;
  }

  async function withinOpenWorkflows(
    meter: NamespaceMeter,
    namespace: NamespaceAccess,
    limit: number,
    run: () => Promise<object>,
  ): Promise<object> {
    const now = clock.now();
    if (!meter.open || now - meter.open.readAt > OPEN_COUNT_TTL_MS) {
      const count = await options.history.countOpenExecutions({ id: namespace.id, name: namespace.name });
      meter.open = { count, readAt: now };
    }
    const open = meter.open;
    if (open.count >= limit) {
      // Nothing started, so no action is billed.
      meter.actions.refund();
      throw quotaExceeded({
        namespace: namespace.name,
        limit: 'maxOpenWorkflows',
        value: limit,
        cause: 'CONCURRENT_LIMIT',
        // A count of the whole namespace, not a per-process share.
        instances: 1,
      });
    }
    // Counted before the start runs, so a burst of starts within one count cannot overshoot.
    open.count++;
    try {
      return await run();
    } catch (error) {
      open.count--;
      throw error;
    }
  }

  return async (call: RpcCall, next: RpcNext) => {
    const namespace = call.context.authorizedNamespace;
    if (!namespace) return next(call);
    const quotaClass = rpcQuotaClass(call.context.service, call.context.method);
    const [limits, instances] = [await options.limits.limitsFor(namespace.id), options.instances.count()];
    const meter = meterFor(namespace.id, limits, instances);
    const refuse = (limit: keyof NamespaceLimits, cause: 'RPS_LIMIT' | 'APS_LIMIT' | 'CONCURRENT_LIMIT') =>
      quotaExceeded({ namespace: namespace.name, limit, value: limits[limit], cause, instances });

    if (!meter.requests.tryTake(quotaClass.priority)) throw refuse('requestsPerSecond', 'RPS_LIMIT');
    if (quotaClass.billableAction && !meter.actions.tryTake(quotaClass.priority)) {
      meter.requests.refund();
      throw refuse('actionsPerSecond', 'APS_LIMIT');
    }
    if (quotaClass.poller) {
      const pollers = Math.max(1, Math.floor(limits.maxConcurrentPollers / instances));
      if (meter.pollers >= pollers) {
        meter.requests.refund();
        throw refuse('maxConcurrentPollers', 'CONCURRENT_LIMIT');
      }
      meter.pollers++;
      try {
        return await next(call);
      } finally {
        meter.pollers--;
      }
    }
    if (quotaClass.startsWorkflow) {
      return withinOpenWorkflows(meter, namespace, limits.maxOpenWorkflows, () => next(call));
    }
    return next(call);
  };
}
