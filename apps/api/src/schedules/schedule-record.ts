// A schedule as the api and the scheduler loop hold it: the compiled Temporal `Schedule` plus the
// bookkeeping Temporal keeps in its scheduler workflow (counters, recent actions, running workflows,
// starts waiting on the overlap policy). Stored in the `schedules` table (schedule-store.ts).
import { temporal } from '@kairos/proto';
import { z } from 'zod';

export type OverlapPolicy = temporal.api.enums.v1.ScheduleOverlapPolicy;
export const Overlap = temporal.api.enums.v1.ScheduleOverlapPolicy;

/** Bounds that keep a row small whatever a schedule does (Temporal keeps 10 recent actions too). */
export const scheduleLimits = {
  recentActions: 10,
  runningWorkflows: 100,
  bufferedStarts: 1000,
} as const;

const executionSchema = z.object({ workflowId: z.string(), runId: z.string() });

/** One start that is due or waiting: from the spec, a trigger or a backfill. */
const bufferedStartSchema = z.object({
  nominalMs: z.number(),
  actualMs: z.number(),
  overlap: z.number().int(),
  /** Triggers and backfills: run while paused, do not use up remaining actions, ignore the catch-up window. */
  manual: z.boolean(),
});
export type BufferedStart = z.infer<typeof bufferedStartSchema>;

export const scheduleBookkeepingSchema = z.object({
  actionCount: z.number().int(),
  missedCatchupWindow: z.number().int(),
  overlapSkipped: z.number().int(),
  bufferDropped: z.number().int(),
  recentActions: z.array(executionSchema.extend({ scheduleMs: z.number(), actualMs: z.number() })),
  running: z.array(executionSchema),
  buffered: z.array(bufferedStartSchema),
});
export type ScheduleBookkeeping = z.infer<typeof scheduleBookkeepingSchema>;
export type RecentAction = ScheduleBookkeeping['recentActions'][number];

export function emptyBookkeeping(): ScheduleBookkeeping {
  return {
    actionCount: 0,
    missedCatchupWindow: 0,
    overlapSkipped: 0,
    bufferDropped: 0,
    recentActions: [],
    running: [],
    buffered: [],
  };
}

export interface ScheduleRecord {
  namespaceId: string;
  namespaceName: string;
  scheduleId: string;
  /** Compiled: spec normalized, policies defaulted, state complete. */
  schedule: temporal.api.schedule.v1.ISchedule;
  memo: temporal.api.common.v1.IMemo | undefined;
  searchAttributes: temporal.api.common.v1.ISearchAttributes | undefined;
  bookkeeping: ScheduleBookkeeping;
  /** Spec times up to here are processed. */
  lastProcessedMs: number;
  /** When the loop must look again; undefined: nothing until an rpc changes the schedule. */
  nextActionMs: number | undefined;
  conflictToken: bigint;
  createRequestId: string;
  createdMs: number;
  updatedMs: number | undefined;
}

/** The conflict token on the wire: 8 bytes, big-endian (what the reference server sends). */
export function encodeConflictToken(token: bigint): Uint8Array {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(token);
  return bytes;
}

/** Undefined when the token is not one Kairos issued. */
export function decodeConflictToken(bytes: Uint8Array): bigint | undefined {
  return bytes.length === 8 ? Buffer.from(bytes).readBigInt64BE() : undefined;
}
