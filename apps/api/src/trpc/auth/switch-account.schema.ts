import { z } from 'zod';
import { idField } from '../input-fields.ts';

export const switchAccountInput = z.strictObject({ accountId: idField });
export type SwitchAccountInput = z.infer<typeof switchAccountInput>;
