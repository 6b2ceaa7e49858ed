import { z } from 'zod';
import { descriptionField, namespaceNameField, retentionDaysField } from '../input-fields.ts';

export const updateInput = z.strictObject({
  name: namespaceNameField,
  retentionDays: retentionDaysField.optional(),
  description: descriptionField.optional(),
});
export type UpdateInput = z.infer<typeof updateInput>;
