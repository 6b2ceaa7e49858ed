import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { readTaskQueue } from './task-queue.ts';

const Kind = temporal.api.enums.v1.TaskQueueKind;

describe('readTaskQueue', () => {
  it('reads a named queue; an unspecified kind is normal', () => {
    expect(readTaskQueue({ name: 'orders' })).toEqual({
      ok: true,
      taskQueue: { name: 'orders', kind: 'normal' },
    });
    expect(
      readTaskQueue({ name: 'orders', kind: Kind.TASK_QUEUE_KIND_NORMAL, normalName: 'ignored' }),
    ).toEqual({
      ok: true,
      taskQueue: { name: 'orders', kind: 'normal' },
    });
  });

  it('reads a sticky queue with or without its normal name', () => {
    expect(
      readTaskQueue({ name: 'w1-sticky', kind: Kind.TASK_QUEUE_KIND_STICKY, normalName: 'orders' }),
    ).toEqual({
      ok: true,
      taskQueue: { name: 'w1-sticky', kind: 'sticky', normalName: 'orders' },
    });
    expect(readTaskQueue({ name: 'w1-sticky', kind: Kind.TASK_QUEUE_KIND_STICKY })).toEqual({
      ok: true,
      taskQueue: { name: 'w1-sticky', kind: 'sticky' },
    });
  });

  it('refuses a missing queue or name (no default is applied)', () => {
    expect(readTaskQueue(null)).toEqual({ ok: false, field: '', problem: 'must be set' });
    expect(readTaskQueue({})).toEqual({ ok: false, field: 'name', problem: 'must be set' });
    expect(readTaskQueue({ name: '' })).toEqual({ ok: false, field: 'name', problem: 'must be set' });
  });

  it('refuses names over 1000 bytes and the reserved /_sys/ prefix', () => {
    expect(readTaskQueue({ name: 'q'.repeat(1000) }).ok).toBe(true);
    expect(readTaskQueue({ name: 'ü'.repeat(501) })).toEqual({
      ok: false,
      field: 'name',
      problem: 'must be at most 1000 bytes, got 1002',
    });
    expect(readTaskQueue({ name: '/_sys/orders/1' })).toEqual({
      ok: false,
      field: 'name',
      problem: 'must not start with the reserved prefix /_sys/',
    });
    expect(readTaskQueue({ name: 'orders/_sys/' }).ok).toBe(true);
  });

  it('checks a sticky queue’s normal name for length only', () => {
    expect(readTaskQueue({ name: 's', kind: Kind.TASK_QUEUE_KIND_STICKY, normalName: '/_sys/x' }).ok).toBe(
      true,
    );
    expect(
      readTaskQueue({ name: 's', kind: Kind.TASK_QUEUE_KIND_STICKY, normalName: 'n'.repeat(1001) }),
    ).toEqual({
      ok: false,
      field: 'normalName',
      problem: 'must be at most 1000 bytes, got 1001',
    });
  });

  it('refuses kinds that do not exist', () => {
    expect(readTaskQueue({ name: 'q', kind: 7 as temporal.api.enums.v1.TaskQueueKind })).toEqual({
      ok: false,
      field: 'kind',
      problem: 'unknown task queue kind 7',
    });
  });
});
