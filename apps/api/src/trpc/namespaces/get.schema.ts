import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

export const getInput = z.strictObject({ name: namespaceNameField });
export type GetInput = z.infer<typeof getInput>;
