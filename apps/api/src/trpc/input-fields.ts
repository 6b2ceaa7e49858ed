import { z } from 'zod';
import { ROLES } from '../control-plane/roles.ts';

/**
 * Field schemas several procedures share, so a rule (what a namespace name may be) is written once.
 * Every string has an upper bound: oversized input is refused at the edge, before any query.
 */
export const emailField = z
  .email({ error: 'must be an email address' })
  .max(254, 'must be at most 254 characters');

export const passwordField = z
  .string({ error: 'must be a string' })
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

export const idField = z.uuid({ error: 'must be an id (uuid)' });

export const roleField = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** Names of new namespaces: Temporal Cloud's rule. */
export const newNamespaceNameField = z
  .string({ error: 'must be a string' })
  .min(2, 'must be 2 to 39 characters')
  .max(39, 'must be 2 to 39 characters')
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    'must be lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  );

/** Names that look up an existing namespace (any name gRPC may have registered). */
export const namespaceNameField = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');

export const retentionDaysField = z
  .number({ error: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be 1 to 90 days')
  .max(90, 'must be 1 to 90 days');

export const descriptionField = z
  .string({ error: 'must be a string' })
  .max(1000, 'must be at most 1000 characters');

/** For procedures without input: nothing, or an empty object (what tRPC clients send). */
export const noInput = z.strictObject({}).optional();
