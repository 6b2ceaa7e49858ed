import { z } from 'zod';
import { emailField } from '../input-fields.ts';

// The password is not checked against the sign-up rules here: a wrong one is simply wrong.
export const logInInput = z.strictObject({
  email: emailField,
  password: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});
export type LogInInput = z.infer<typeof logInInput>;
