import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

export const recentWorkflowsInput = z.strictObject({
  name: namespaceNameField,
  limit: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 100')
    .max(100, 'must be 1 to 100')
    .default(20),
});
export type RecentWorkflowsInput = z.infer<typeof recentWorkflowsInput>;
