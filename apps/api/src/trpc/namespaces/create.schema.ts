import { z } from 'zod';
import { descriptionField, newNamespaceNameField, retentionDaysField } from '../input-fields.ts';

export const createInput = z.strictObject({
  name: newNamespaceNameField,
  retentionDays: retentionDaysField.default(30),
  description: descriptionField.optional(),
});
export type CreateInput = z.infer<typeof createInput>;
