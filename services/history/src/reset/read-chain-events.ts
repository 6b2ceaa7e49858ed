import { temporal } from '@kairos/proto';
import type { ExecutionStore } from '../persistence/execution-store.ts';
import type { ExecutionMutation } from '../state/execution-mutation.ts';
import type { MutableState } from '../state/mutable-state.ts';
import { eventsToReapply, type ReapplyRules } from './reapply.ts';

type IHistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType } = temporal.api.enums.v1;

/** Runs followed through continue-as-new before giving up (a chain this long is a loop or a bug). */
const MAX_CHAIN_RUNS = 100;

export interface ReapplySource {
  namespaceId: string;
  workflowId: string;
  base: MutableState;
  finishEventId: number;
  /** The current run's write in progress (its termination may flush buffered signals). */
  current: ExecutionMutation;
  rules: ReapplyRules;
}

/**
 * The events to reapply, as Temporal's resetter collects them: the base run's events from the reset
 * point on, then every run it continued as new into, in order; when that walk ends at the current
 * run, the events its termination writes too. Retries and cron runs start fresh and are not followed.
 */
export async function readEventsAfterResetPoint(
  store: Pick<ExecutionStore, 'readEvents' | 'load'>,
  source: ReapplySource,
): Promise<IHistoryEvent[]> {
  const collected: IHistoryEvent[] = [];
  let run: MutableState | undefined = source.base;
  let fromEventId = source.finishEventId;
  let lastVisitedRunId = source.base.runId;
  for (let hops = 0; run && hops < MAX_CHAIN_RUNS; hops += 1) {
    lastVisitedRunId = run.runId;
    const events = await store.readEvents(run.runId, fromEventId, run.nextEventId, run.nextEventId);
    collected.push(...events);
    const continuedInto = continuedAsNewRunId(events.at(-1));
    if (!continuedInto) break;
    run = (await store.load(source.namespaceId, source.workflowId, continuedInto))?.state;
    fromEventId = 1;
  }
  const current = source.current;
  if (lastVisitedRunId === current.state.runId) collected.push(...current.events);
  return eventsToReapply(collected, source.rules);
}

function continuedAsNewRunId(event: IHistoryEvent | undefined): string | undefined {
  if (event?.eventType !== EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) return undefined;
  return event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId || undefined;
}
