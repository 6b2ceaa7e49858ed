import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

/** A number overrides the plan default; null returns to it; leaving a field out keeps it as it is. */
const limitField = z
  .number({ error: 'must be a number or null' })
  .int('must be a whole number')
  .min(1, 'must be 1 to 1000000')
  .max(1_000_000, 'must be 1 to 1000000')
  .nullable()
  .optional();

export const updateInput = z.strictObject({
  namespace: namespaceNameField,
  requestsPerSecond: limitField,
  actionsPerSecond: limitField,
  maxOpenWorkflows: limitField,
  maxConcurrentPollers: limitField,
});
export type UpdateInput = z.infer<typeof updateInput>;
