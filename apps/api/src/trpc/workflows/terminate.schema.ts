import { z } from 'zod';
import { executionFields, reasonField } from './workflow-fields.ts';

export const terminateInput = z.strictObject({
  ...executionFields,
  reason: reasonField.min(1, 'must say why the run is terminated'),
});
export type TerminateInput = z.infer<typeof terminateInput>;
