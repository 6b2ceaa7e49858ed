import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

export const searchAttributesInput = z.strictObject({ namespace: namespaceNameField });
export type SearchAttributesInput = z.infer<typeof searchAttributesInput>;
