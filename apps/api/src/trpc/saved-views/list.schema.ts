import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

export const listInput = z.strictObject({ namespace: namespaceNameField });
export type ListInput = z.infer<typeof listInput>;
