import { z } from 'zod';
import { emailField, roleField } from '../input-fields.ts';

export const inviteInput = z.strictObject({ email: emailField, role: roleField });
export type InviteInput = z.infer<typeof inviteInput>;
