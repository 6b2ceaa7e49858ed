import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';
import { cursorField, queryField } from './workflow-fields.ts';

export const listInput = z.strictObject({
  namespace: namespaceNameField,
  query: queryField.default(''),
  pageSize: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 200')
    .max(200, 'must be 1 to 200')
    .default(50),
  cursor: cursorField.optional(),
});
export type ListInput = z.infer<typeof listInput>;
