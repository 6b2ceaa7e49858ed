import { z } from 'zod';
import { queryField } from '../workflows/workflow-fields.ts';

export const savedViewNameField = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** Column keys: system or search attribute names (≤ 64 characters, as attribute names are). */
export const columnsField = z
  .array(
    z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(64, 'must be at most 64 characters'),
    { error: 'must be a list of column names' },
  )
  .max(30, 'must be at most 30 columns');

export { queryField };

/** A user keeps at most this many views per namespace (a list, not a store). */
export const MAX_SAVED_VIEWS_PER_NAMESPACE = 50;
