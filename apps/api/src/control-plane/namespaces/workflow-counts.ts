import type { HistoryClient } from '@kairos/history/client';

/**
 * The two questions the control plane asks the engine: a narrow slice of HistoryClient, so the api
 * (and tests) pass the real history client and nothing else of it is reachable from here.
 */
export type WorkflowCounts = Pick<HistoryClient, 'countOpenExecutions' | 'listRecentExecutions'>;
