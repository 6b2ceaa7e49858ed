import { z } from 'zod';
import { idField, roleField } from '../input-fields.ts';

export const changeRoleInput = z.strictObject({ userId: idField, role: roleField });
export type ChangeRoleInput = z.infer<typeof changeRoleInput>;
