import type { ActivityTarget } from '@kairos/history/client';
import { requireId, optionalRunId, requireTaskToken } from './execution-fields.ts';

/** The activity a token-based rpc names. */
export function activityByToken(request: { taskToken?: Uint8Array | null }): ActivityTarget {
  return { taskToken: requireTaskToken(request.taskToken) };
}

/** The activity a ById rpc names: workflow id, optional run id (current run), activity id. */
export function activityById(request: {
  workflowId?: string | null;
  runId?: string | null;
  activityId?: string | null;
}): ActivityTarget {
  return {
    workflowId: requireId(request.workflowId, 'workflowId'),
    runId: optionalRunId(request.runId, 'runId') ?? '',
    activityId: requireId(request.activityId, 'activityId'),
  };
}
