// The `schedules` table. Rpcs read and change one schedule at a time under its row lock; the scheduler
// loop claims due rows with FOR UPDATE SKIP LOCKED, so several api processes never take the same
// schedule's action twice and never wait on each other.
import { AlreadyExists, NotFound } from '@kairos/errors';
import { Prisma, type PrismaClient } from '@kairos/db';
import { temporal } from '@kairos/proto';
import { scheduleBookkeepingSchema, type ScheduleRecord } from './schedule-record.ts';

type Row = Prisma.ScheduleModel;
type Transaction = Prisma.TransactionClient;

/** A scheduler step may call history several times; the transaction must outlive that. */
const transactionTimeoutMs = 60_000;

export interface ScheduleListCursor {
  createdMs: number;
  scheduleId: string;
}

export class ScheduleStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Inserts a new schedule. A schedule with the id exists: the same create retried (same request id)
   * answers its record; any other create fails with ALREADY_EXISTS, as Temporal answers it.
   */
  async create(record: ScheduleRecord): Promise<ScheduleRecord> {
    const inserted = await this.prisma.schedule.createMany({ data: [toRow(record)], skipDuplicates: true });
    if (inserted.count === 1) return record;
    const existing = await this.get(record.namespaceId, record.scheduleId);
    if (existing && existing.createRequestId === record.createRequestId) return existing;
    throw new AlreadyExists(`schedule ${JSON.stringify(record.scheduleId)} is already registered`, {
      detail: { type: 'WorkflowExecutionAlreadyStarted', startRequestId: '', runId: '' },
    });
  }

  async get(namespaceId: string, scheduleId: string): Promise<ScheduleRecord | undefined> {
    const row = await this.prisma.schedule.findUnique({
      where: { namespaceId_scheduleId: { namespaceId, scheduleId } },
    });
    return row ? fromRow(row) : undefined;
  }

  async require(namespaceId: string, scheduleId: string): Promise<ScheduleRecord> {
    const record = await this.get(namespaceId, scheduleId);
    if (!record) throw scheduleNotFound(scheduleId);
    return record;
  }

  /** Changes one schedule under its row lock (waits for a scheduler step holding it). */
  async change(
    namespaceId: string,
    scheduleId: string,
    change: (record: ScheduleRecord) => ScheduleRecord,
  ): Promise<ScheduleRecord> {
    return this.prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ schedule_id: string }[]>`
          SELECT schedule_id FROM schedules
           WHERE namespace_id = ${namespaceId}::uuid AND schedule_id = ${scheduleId} FOR UPDATE`;
        if (locked.length === 0) throw scheduleNotFound(scheduleId);
        const record = await readLocked(tx, namespaceId, scheduleId);
        const changed = change(record);
        await write(tx, changed);
        return changed;
      },
      { timeout: transactionTimeoutMs },
    );
  }

  async delete(namespaceId: string, scheduleId: string): Promise<void> {
    const deleted = await this.prisma.schedule.deleteMany({ where: { namespaceId, scheduleId } });
    if (deleted.count === 0) throw scheduleNotFound(scheduleId);
  }

  /** Newest first (as Temporal's visibility lists them), keyed by (created, id) for stable pages. */
  async list(
    namespaceId: string,
    pageSize: number,
    after: ScheduleListCursor | undefined,
  ): Promise<{ records: ScheduleRecord[]; next: ScheduleListCursor | undefined }> {
    const rows = await this.prisma.schedule.findMany({
      where: {
        namespaceId,
        ...(after
          ? {
              OR: [
                { createdAt: { lt: new Date(after.createdMs) } },
                { createdAt: new Date(after.createdMs), scheduleId: { lt: after.scheduleId } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { scheduleId: 'desc' }],
      take: pageSize + 1,
    });
    const records = rows.slice(0, pageSize).map(fromRow);
    const last = records.at(-1);
    return {
      records,
      next:
        rows.length > pageSize && last
          ? { createdMs: last.createdMs, scheduleId: last.scheduleId }
          : undefined,
    };
  }

  /**
   * Claims one schedule due at `nowMs` that no other transaction holds, runs `step` on it and writes the
   * result, all in one transaction. Resolves false when nothing was due.
   */
  async processDue(
    nowMs: number,
    step: (record: ScheduleRecord) => Promise<ScheduleRecord>,
  ): Promise<boolean> {
    return this.prisma.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ namespace_id: string; schedule_id: string }[]>`
          SELECT namespace_id::text, schedule_id FROM schedules
           WHERE next_action_at <= ${new Date(nowMs)}
           ORDER BY next_action_at
           LIMIT 1 FOR UPDATE SKIP LOCKED`;
        const claimed = due[0];
        if (!claimed) return false;
        const record = await readLocked(tx, claimed.namespace_id, claimed.schedule_id);
        await write(tx, await step(record));
        return true;
      },
      { timeout: transactionTimeoutMs },
    );
  }

  /** The earliest next_action_at of all schedules, so the loop can sleep until then. */
  async earliestDueMs(): Promise<number | undefined> {
    const first = await this.prisma.schedule.findFirst({
      where: { nextActionAt: { not: null } },
      orderBy: { nextActionAt: 'asc' },
      select: { nextActionAt: true },
    });
    return first?.nextActionAt?.getTime();
  }
}

export function scheduleNotFound(scheduleId: string): NotFound {
  return new NotFound(`schedule ${JSON.stringify(scheduleId)} not found`, { detail: { type: 'NotFound' } });
}

async function readLocked(tx: Transaction, namespaceId: string, scheduleId: string): Promise<ScheduleRecord> {
  const row = await tx.schedule.findUniqueOrThrow({
    where: { namespaceId_scheduleId: { namespaceId, scheduleId } },
  });
  return fromRow(row);
}

async function write(tx: Transaction, record: ScheduleRecord): Promise<void> {
  const { namespaceId, scheduleId, ...data } = toRow(record);
  await tx.schedule.update({ where: { namespaceId_scheduleId: { namespaceId, scheduleId } }, data });
}

function toRow(record: ScheduleRecord): Prisma.ScheduleUncheckedCreateInput {
  const { Schedule } = temporal.api.schedule.v1;
  const { Memo, SearchAttributes } = temporal.api.common.v1;
  return {
    namespaceId: record.namespaceId,
    scheduleId: record.scheduleId,
    namespaceName: record.namespaceName,
    schedule: Buffer.from(Schedule.encode(record.schedule).finish()),
    memo: record.memo ? Buffer.from(Memo.encode(record.memo).finish()) : null,
    searchAttributes: record.searchAttributes
      ? Buffer.from(SearchAttributes.encode(record.searchAttributes).finish())
      : null,
    info: record.bookkeeping,
    nextActionAt: record.nextActionMs === undefined ? null : new Date(record.nextActionMs),
    lastProcessedAt: new Date(record.lastProcessedMs),
    conflictToken: record.conflictToken,
    createRequestId: record.createRequestId,
    createdAt: new Date(record.createdMs),
    updatedAt: record.updatedMs === undefined ? null : new Date(record.updatedMs),
  };
}

function fromRow(row: Row): ScheduleRecord {
  const { Schedule } = temporal.api.schedule.v1;
  const { Memo, SearchAttributes } = temporal.api.common.v1;
  return {
    namespaceId: row.namespaceId,
    namespaceName: row.namespaceName,
    scheduleId: row.scheduleId,
    schedule: Schedule.decode(row.schedule),
    memo: row.memo ? Memo.decode(row.memo) : undefined,
    searchAttributes: row.searchAttributes ? SearchAttributes.decode(row.searchAttributes) : undefined,
    bookkeeping: scheduleBookkeepingSchema.parse(row.info),
    lastProcessedMs: row.lastProcessedAt.getTime(),
    nextActionMs: row.nextActionAt?.getTime(),
    conflictToken: row.conflictToken,
    createRequestId: row.createRequestId,
    createdMs: row.createdAt.getTime(),
    updatedMs: row.updatedAt?.getTime(),
  };
}
