import { z } from 'zod';
import { namespaceNameField } from '../input-fields.ts';

/**
 * Field schemas of the workflow procedures. Limits follow Temporal's (workflow ids up to 1000
 * characters by default) and keep every input bounded before anything reaches the engine.
 */
export const workflowIdField = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(1000, 'must be at most 1000 characters');

/** Run ids are UUIDs (Temporal's and ours); anything else is refused here, before it reaches a query. */
export const runIdField = z.uuid({ error: 'must be a run id (uuid)' });

/** A list filter in Temporal's language; empty lists everything. */
export const queryField = z
  .string({ error: 'must be a string' })
  .max(4096, 'must be at most 4096 characters');

/** The opaque cursor a previous page returned (base64url). */
export const cursorField = z
  .string({ error: 'must be a string' })
  .max(4096, 'must be at most 4096 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the cursor a previous page returned');

export const reasonField = z
  .string({ error: 'must be a string' })
  .max(1000, 'must be at most 1000 characters');

/** One run of one namespace: what every per-run procedure starts with. */
export const executionFields = {
  namespace: namespaceNameField,
  workflowId: workflowIdField,
  runId: runIdField,
};
