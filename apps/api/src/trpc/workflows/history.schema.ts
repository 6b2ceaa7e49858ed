import { z } from 'zod';
import { cursorField, executionFields } from './workflow-fields.ts';

export const historyInput = z.strictObject({
  ...executionFields,
  pageSize: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 1000')
    .max(1000, 'must be 1 to 1000')
    .default(200),
  cursor: cursorField.optional(),
});
export type HistoryInput = z.infer<typeof historyInput>;
