import type { RouterOutputs } from '../../../../../../lib/trpc/router-types.ts';

export type WorkflowRow = RouterOutputs['workflows']['list']['rows'][number];
export type WorkflowCount = RouterOutputs['workflows']['count'];
export type SearchAttributeInfo = RouterOutputs['workflows']['searchAttributes'][number];
export type WorkflowDescription = RouterOutputs['workflows']['describe'];
export type HistoryEvent = RouterOutputs['workflows']['history']['events'][number];
export type PayloadView = WorkflowDescription['input'][number];
export type SavedView = RouterOutputs['savedViews']['list'][number];

/** Where a run's page lives. */
export function workflowPath(namespace: string, workflowId: string, runId: string): string {
  return `/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}`;
}
