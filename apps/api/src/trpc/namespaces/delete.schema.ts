import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

export const deleteInput = z.strictObject({
  name: namespaceNameField,
  force: z.boolean({ error: 'must be true or false' }).optional(),
});
export type DeleteInput = z.infer<typeof deleteInput>;
