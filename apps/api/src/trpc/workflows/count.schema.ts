import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';
import { queryField } from './workflow-fields.ts';

export const countInput = z.strictObject({
  namespace: namespaceNameField,
  query: queryField.default(''),
});
export type CountInput = z.infer<typeof countInput>;
