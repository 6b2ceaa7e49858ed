import { z } from 'zod';
import { executionFields, reasonField } from './workflow-fields.ts';

export const cancelInput = z.strictObject({ ...executionFields, reason: reasonField.optional() });
export type CancelInput = z.infer<typeof cancelInput>;
