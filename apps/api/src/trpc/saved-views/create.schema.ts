import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';
import { columnsField, queryField, savedViewNameField } from './saved-view-fields.ts';

export const createInput = z.strictObject({
  namespace: namespaceNameField,
  name: savedViewNameField,
  query: queryField,
  columns: columnsField.default([]),
});
export type CreateInput = z.infer<typeof createInput>;
