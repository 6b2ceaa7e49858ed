import { z } from 'zod';
import { idField, namespaceNameField } from '../input-fields.ts';

export const deleteInput = z.strictObject({ namespace: namespaceNameField, id: idField });
export type DeleteInput = z.infer<typeof deleteInput>;
