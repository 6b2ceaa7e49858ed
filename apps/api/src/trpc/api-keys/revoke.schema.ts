import { z } from 'zod';
import { idField } from '../input-fields.ts';

export const revokeInput = z.strictObject({ id: idField });
export type RevokeInput = z.infer<typeof revokeInput>;
