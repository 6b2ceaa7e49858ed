import { InvalidArgument } from '@kairos/errors';
import { z } from 'zod';

/**
 * GetWorkflowExecutionHistory's page token: where the next page starts and (for a workflow task's
 * history) where it ends, plus the task's transient events that belong after the last stored one.
 */
const pageTokenSchema = z.object({
  runId: z.string().uuid(),
  nextEventId: z.number().int().positive(),
  /** Exclusive upper bound, fixed when paging a workflow task's history; absent for live reads. */
  endEventId: z.number().int().positive().optional(),
  /** Reverse paging: the next page holds events below this id. */
  beforeEventId: z.number().int().positive().optional(),
  transientEvents: z.array(z.string()).optional(),
});

export type HistoryPageToken = z.infer<typeof pageTokenSchema>;

export function encodeHistoryPageToken(token: HistoryPageToken): Uint8Array {
  return Buffer.from(JSON.stringify(token), 'utf8');
}

export function decodeHistoryPageToken(bytes: Uint8Array | null | undefined): HistoryPageToken | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    return pageTokenSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    throw InvalidArgument.forField('nextPageToken', 'is not a page token this server issued');
  }
}
