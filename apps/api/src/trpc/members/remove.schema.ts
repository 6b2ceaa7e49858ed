import { z } from 'zod';
import { idField } from '../input-fields.ts';

export const removeInput = z.strictObject({ userId: idField });
export type RemoveInput = z.infer<typeof removeInput>;
