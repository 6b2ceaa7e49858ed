// The schedules table on a real Postgres: duplicate creates, paging, and the claim that lets several
// api processes run the loop without taking a schedule twice.
import { applyMigrations, createPrismaClient, type PrismaClient } from '@kairos/db';
import { createThrowawayDatabase } from '@kairos/db/testing';
import { AlreadyExists, NotFound } from '@kairos/errors';
import { msToDuration, temporal } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSchedule } from './compile-schedule.ts';
import { emptyBookkeeping, type ScheduleRecord } from './schedule-record.ts';
import { ScheduleStore } from './schedule-store.ts';

const namespaceId = '00000000-0000-0000-0000-0000000000aa';

function record(scheduleId: string, createdMs: number, nextActionMs?: number): ScheduleRecord {
  return {
    namespaceId,
    namespaceName: 'store-test',
    scheduleId,
    schedule: compileSchedule({
      spec: { interval: [{ interval: msToDuration(60_000) }] },
      action: { startWorkflow: { workflowId: 'w', workflowType: { name: 't' }, taskQueue: { name: 'q' } } },
    }),
    memo: { fields: { note: { data: Buffer.from('"hi"') } } },
    searchAttributes: undefined,
    bookkeeping: emptyBookkeeping(),
    lastProcessedMs: createdMs,
    nextActionMs,
    conflictToken: 1n,
    createRequestId: `create-${scheduleId}`,
    createdMs,
    updatedMs: undefined,
  };
}

describe('ScheduleStore', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let prisma: PrismaClient;
  let store: ScheduleStore;

  beforeAll(async () => {
    database = await createThrowawayDatabase('schedule_store');
    await applyMigrations(database.url);
    prisma = createPrismaClient(database.url, { maxConnections: 6 });
    store = new ScheduleStore(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it('round-trips a schedule; a retried create succeeds, another create of the id is refused', async () => {
    const created = record('round-trip', 1_000);
    await store.create(created);
    const read = await store.get(namespaceId, 'round-trip');
    const { schedule, memo, ...plain } = created;
    expect(read).toMatchObject(plain);
    const bytes = (value: temporal.api.schedule.v1.ISchedule | undefined) =>
      Buffer.from(temporal.api.schedule.v1.Schedule.encode(value ?? {}).finish()).toString('hex');
    expect(bytes(read?.schedule)).toBe(bytes(schedule));
    expect(Buffer.from(read?.memo?.fields?.note?.data ?? [])).toEqual(
      Buffer.from(memo?.fields?.note?.data ?? []),
    );
    await expect(store.create(created)).resolves.toMatchObject(plain);
    await expect(store.create({ ...created, createRequestId: 'other' })).rejects.toBeInstanceOf(
      AlreadyExists,
    );
    await store.delete(namespaceId, 'round-trip');
    await expect(store.delete(namespaceId, 'round-trip')).rejects.toBeInstanceOf(NotFound);
    await expect(store.change(namespaceId, 'round-trip', (r) => r)).rejects.toBeInstanceOf(NotFound);
  });

  it('pages newest first without repeats, also among schedules created in the same millisecond', async () => {
    for (const [id, created] of [
      ['p-a', 5_000],
      ['p-b', 5_000],
      ['p-c', 6_000],
      ['p-d', 4_000],
    ] as const) {
      await store.create(record(id, created));
    }
    const seen: string[] = [];
    let after;
    do {
      const page = await store.list(namespaceId, 3, after);
      seen.push(...page.records.map((r) => r.scheduleId));
      after = page.next;
    } while (after);
    expect(seen).toEqual(['p-c', 'p-b', 'p-a', 'p-d']);
  });

  it('lets one of two concurrent loops claim a due schedule; the other skips it', async () => {
    const nowMs = Date.now();
    await store.create(record('due', nowMs - 1_000, nowMs - 10));
    let steps = 0;
    const slowStep = async (claimed: ScheduleRecord) => {
      steps++;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ...claimed, nextActionMs: undefined, bookkeeping: { ...claimed.bookkeeping, actionCount: 1 } };
    };
    const results = await Promise.all([store.processDue(nowMs, slowStep), store.processDue(nowMs, slowStep)]);
    expect(results.sort()).toEqual([false, true]);
    expect(steps).toBe(1);
    expect((await store.get(namespaceId, 'due'))?.bookkeeping.actionCount).toBe(1);
    expect(await store.processDue(nowMs, slowStep)).toBe(false);
  });

  it('rolls a failed step back, leaving the schedule due', async () => {
    const nowMs = Date.now();
    await store.create(record('failing', nowMs - 1_000, nowMs - 10));
    await expect(
      store.processDue(nowMs, async () => {
        throw new Error('history unavailable');
      }),
    ).rejects.toThrow('history unavailable');
    expect((await store.get(namespaceId, 'failing'))?.nextActionMs).toBe(nowMs - 10);
    await store.delete(namespaceId, 'failing');
  });
});
