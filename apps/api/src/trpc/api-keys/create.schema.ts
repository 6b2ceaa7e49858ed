import { z } from 'zod';
import type { ApiKeyScope } from '../../control-plane/api-keys/account-api-keys.ts';
import { namespaceNameField } from '../input-fields.ts';

export const createInput = z.strictObject({
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  role: z.enum(['admin', 'developer', 'read_only'], { error: 'must be admin, developer or read_only' }),
  // `{ all: true }` or `{ namespaces: [...] }`. One object with a check (rather than a union) so a bad
  // list is reported at its own path (scope.namespaces.3), not as "scope: invalid input".
  scope: z
    .strictObject(
      {
        all: z.literal(true, { error: 'must be true (or leave it out and list namespaces)' }).optional(),
        namespaces: z
          .array(namespaceNameField, { error: 'must be a list of namespace names' })
          .min(1, 'must name at least one namespace')
          .max(100, 'must name at most 100 namespaces')
          .optional(),
      },
      { error: 'must be { all: true } or { namespaces: [names] }' },
    )
    .refine((scope) => (scope.all === true) !== (scope.namespaces !== undefined), {
      error: 'must be { all: true } or { namespaces: [names] }',
    })
    .transform((scope): ApiKeyScope => (scope.all ? { all: true } : { namespaces: scope.namespaces ?? [] })),
  expiresInDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be 1 to 365 days')
    .max(365, 'must be 1 to 365 days')
    .default(90),
});
export type CreateInput = z.infer<typeof createInput>;
