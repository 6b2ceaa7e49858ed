import { z } from 'zod';
import { emailField, passwordField } from '../input-fields.ts';

export const signUpInput = z.strictObject({
  email: emailField,
  password: passwordField,
  accountName: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
});
export type SignUpInput = z.infer<typeof signUpInput>;
