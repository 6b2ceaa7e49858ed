import { InvalidArgument } from '@kairos/errors';
import { scheduleListEntry } from '../../schedules/schedule-description.ts';
import type { ScheduleListCursor } from '../../schedules/schedule-store.ts';
import { engineRpc } from './engine-rpc.ts';
import type { ScheduleRpcDependencies } from './schedule-fields.ts';

const defaultPageSize = 100;
const maxPageSize = 1000;

/**
 * ListSchedules: newest first, from the schedules table (Temporal lists them through visibility). The
 * page token is opaque to callers. A visibility `query` is refused rather than ignored.
 */
export function listSchedules(dependencies: ScheduleRpcDependencies) {
  return engineRpc('ListSchedules', dependencies, {
    validate(request) {
      if (request.query?.trim()) {
        throw InvalidArgument.forField(
          'query',
          'filtering schedules is not supported by Kairos yet; list without a query',
        );
      }
      const requested = request.maximumPageSize ?? 0;
      if (requested < 0) throw InvalidArgument.forField('maximumPageSize', 'must not be negative');
      return {
        pageSize: Math.min(requested || defaultPageSize, maxPageSize),
        after: request.nextPageToken?.length ? decodeCursor(request.nextPageToken) : undefined,
      };
    },
    async handle({ pageSize, after }, namespace) {
      const page = await dependencies.schedules.store.list(namespace.id, pageSize, after);
      return {
        schedules: page.records.map(scheduleListEntry),
        nextPageToken: page.next ? Buffer.from(JSON.stringify(page.next)) : Buffer.alloc(0),
      };
    },
  });
}

function decodeCursor(token: Uint8Array): ScheduleListCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token).toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      'createdMs' in value &&
      typeof value.createdMs === 'number' &&
      'scheduleId' in value &&
      typeof value.scheduleId === 'string'
    ) {
      return { createdMs: value.createdMs, scheduleId: value.scheduleId };
    }
  } catch {
    // falls through to the refusal below
  }
  throw InvalidArgument.forField('nextPageToken', 'is not a token this server issued');
}
