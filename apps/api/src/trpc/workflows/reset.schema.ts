import { z } from 'zod';
import { executionFields, reasonField } from './workflow-fields.ts';

export const resetInput = z.strictObject({
  ...executionFields,
  /** The WorkflowTaskCompleted event the new run's history ends at (Temporal's reset point). */
  workflowTaskFinishEventId: z
    .number({ error: 'must be an event id' })
    .int('must be a whole number')
    .min(3, 'must be the id of a WorkflowTaskCompleted event (3 or more)')
    .max(Number.MAX_SAFE_INTEGER, 'must be an event id'),
  reason: reasonField.min(1, 'must say why the run is reset'),
});
export type ResetInput = z.infer<typeof resetInput>;
