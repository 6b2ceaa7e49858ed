import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkScheduleActivityCommand, type ScheduleActivityContext } from './activity-command.ts';
import { blobSizeLimitErrorBytes, maxDurationMs } from './limits.ts';
import { payloadsSize } from './payload-limits.ts';

type Attributes = temporal.api.command.v1.IScheduleActivityTaskCommandAttributes;
const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const TaskQueueKind = temporal.api.enums.v1.TaskQueueKind;

const seconds = (value: number, nanos = 0) => ({ seconds: Long.fromNumber(value), nanos });
const attributes = (overrides: Partial<Attributes> = {}): Attributes => ({
  activityId: 'charge-card',
  activityType: { name: 'chargeCard' },
  taskQueue: { name: 'payments' },
  startToCloseTimeout: seconds(10),
  ...overrides,
});
const context = (overrides: Partial<ScheduleActivityContext> = {}): ScheduleActivityContext => ({
  workflowRunTimeoutMs: undefined,
  pendingActivityIds: new Set(),
  ...overrides,
});
const check = (
  overrides: Partial<Attributes> = {},
  contextOverrides: Partial<ScheduleActivityContext> = {},
) => checkScheduleActivityCommand(attributes(overrides), context(contextOverrides));
const timeoutsOf = (result: ReturnType<typeof check>) => {
  if (!result.ok) throw new Error(`rejected: ${result.message}`);
  const { scheduleToCloseTimeoutMs, scheduleToStartTimeoutMs, startToCloseTimeoutMs, heartbeatTimeoutMs } =
    result.attributes;
  return [scheduleToCloseTimeoutMs, scheduleToStartTimeoutMs, startToCloseTimeoutMs, heartbeatTimeoutMs];
};
const badAttributes = (field: string | undefined, message: RegExp) => ({
  ok: false,
  cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
  ...(field === undefined ? {} : { field }),
  message: expect.stringMatching(message),
  terminatesWorkflow: false,
});
const at = 'scheduleActivityTaskCommandAttributes';

describe('checkScheduleActivityCommand: a valid command', () => {
  it('normalises everything the ActivityTaskScheduled event needs', () => {
    const input = {
      payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('42') }],
    };
    const header = { fields: { trace: { data: Buffer.from('t') } } };
    const priority = { priorityKey: 2 };
    expect(check({ input, header, priority, requestEagerExecution: true })).toEqual({
      ok: true,
      attributes: {
        activityId: 'charge-card',
        activityType: 'chargeCard',
        taskQueue: { name: 'payments', kind: 'normal' },
        scheduleToCloseTimeoutMs: 0,
        scheduleToStartTimeoutMs: 0,
        startToCloseTimeoutMs: 10_000,
        heartbeatTimeoutMs: 0,
        retryPolicy: {
          initialIntervalMs: 1000,
          backoffCoefficient: 2,
          maximumIntervalMs: 100_000,
          maximumAttempts: 0,
          nonRetryableErrorTypes: [],
        },
        input,
        header,
        priority,
        requestEagerExecution: true,
        useWorkflowBuildId: false,
      },
    });
  });

  it('keeps an explicit retry policy, normalised, and uses the context’s defaults for unset fields', () => {
    const result = check(
      { retryPolicy: { maximumAttempts: 3, nonRetryableErrorTypes: ['Declined'] } },
      {
        retryDefaults: {
          initialIntervalMs: 200,
          backoffCoefficient: 3,
          maximumIntervalCoefficient: 5,
          maximumAttempts: 9,
        },
      },
    );
    expect(result).toMatchObject({
      ok: true,
      attributes: {
        retryPolicy: {
          initialIntervalMs: 200,
          backoffCoefficient: 3,
          maximumIntervalMs: 1000,
          maximumAttempts: 3,
          nonRetryableErrorTypes: ['Declined'],
        },
      },
    });
  });

  it('accepts sticky task queues and ids of exactly 1000 bytes', () => {
    expect(
      check({
        taskQueue: { name: 'sticky-1', kind: TaskQueueKind.TASK_QUEUE_KIND_STICKY, normalName: 'payments' },
      }),
    ).toMatchObject({
      ok: true,
      attributes: { taskQueue: { name: 'sticky-1', kind: 'sticky', normalName: 'payments' } },
    });
    expect(check({ activityId: 'a'.repeat(1000), activityType: { name: 't'.repeat(1000) } }).ok).toBe(true);
  });
});

describe('checkScheduleActivityCommand: timeouts', () => {
  it('fills schedule-to-close and schedule-to-start from the run timeout when only start-to-close is set', () => {
    // Reference server: run 100 s, startToClose 10 s, heartbeat 20 s → 100 / 100 / 10 / 10.
    expect(timeoutsOf(check({ heartbeatTimeout: seconds(20) }, { workflowRunTimeoutMs: 100_000 }))).toEqual([
      100_000, 100_000, 10_000, 10_000,
    ]);
  });

  it('leaves them at 0 (no timeout) when the run has no timeout', () => {
    expect(timeoutsOf(check({ startToCloseTimeout: seconds(30) }))).toEqual([0, 0, 30_000, 0]);
    expect(timeoutsOf(check({ startToCloseTimeout: seconds(30) }, { workflowRunTimeoutMs: 0 }))).toEqual([
      0, 0, 30_000, 0,
    ]);
  });

  it('keeps an explicit schedule-to-start with only start-to-close set, capped by the run timeout', () => {
    expect(
      timeoutsOf(check({ scheduleToStartTimeout: seconds(5) }, { workflowRunTimeoutMs: 60_000 })),
    ).toEqual([60_000, 5_000, 10_000, 0]);
    expect(
      timeoutsOf(check({ scheduleToStartTimeout: seconds(500) }, { workflowRunTimeoutMs: 60_000 })),
    ).toEqual([60_000, 60_000, 10_000, 0]);
  });

  it('derives missing timeouts from schedule-to-close', () => {
    expect(timeoutsOf(check({ startToCloseTimeout: null, scheduleToCloseTimeout: seconds(30) }))).toEqual([
      30_000, 30_000, 30_000, 0,
    ]);
  });

  it('caps schedule-to-start and start-to-close by schedule-to-close', () => {
    expect(
      timeoutsOf(
        check({
          scheduleToCloseTimeout: seconds(60),
          scheduleToStartTimeout: seconds(10),
          startToCloseTimeout: seconds(20),
        }),
      ),
    ).toEqual([60_000, 10_000, 20_000, 0]);
    expect(
      timeoutsOf(
        check({
          scheduleToCloseTimeout: seconds(60),
          scheduleToStartTimeout: seconds(90),
          startToCloseTimeout: seconds(120),
        }),
      ),
    ).toEqual([60_000, 60_000, 60_000, 0]);
  });

  it('caps every timeout by the run timeout, then the heartbeat by start-to-close', () => {
    // Reference server: run 40 s, scheduleToClose 50 s, scheduleToStart 70 s, heartbeat 60 s → all 40 s.
    expect(
      timeoutsOf(
        check(
          {
            startToCloseTimeout: null,
            scheduleToCloseTimeout: seconds(50),
            scheduleToStartTimeout: seconds(70),
            heartbeatTimeout: seconds(60),
          },
          { workflowRunTimeoutMs: 40_000 },
        ),
      ),
    ).toEqual([40_000, 40_000, 40_000, 40_000]);
    expect(timeoutsOf(check({ heartbeatTimeout: seconds(3) }))).toEqual([0, 0, 10_000, 3_000]);
    expect(timeoutsOf(check({ heartbeatTimeout: seconds(30) }))).toEqual([0, 0, 10_000, 10_000]);
  });

  it('caps absurdly long timeouts at 100 years', () => {
    const twoCenturies = seconds(200 * 365 * 24 * 3600);
    expect(timeoutsOf(check({ startToCloseTimeout: null, scheduleToCloseTimeout: twoCenturies }))[0]).toBe(
      maxDurationMs,
    );
  });

  it('refuses a command with neither start-to-close nor schedule-to-close', () => {
    expect(check({ startToCloseTimeout: null })).toEqual(
      badAttributes(`${at}.startToCloseTimeout`, /startToCloseTimeout or scheduleToCloseTimeout must be set/),
    );
    expect(
      check({
        startToCloseTimeout: seconds(0),
        scheduleToStartTimeout: seconds(5),
        heartbeatTimeout: seconds(1),
      }),
    ).toMatchObject({
      ok: false,
      field: `${at}.startToCloseTimeout`,
    });
  });

  it('refuses negative or mixed-sign timeouts, naming the field', () => {
    for (const name of [
      'scheduleToCloseTimeout',
      'scheduleToStartTimeout',
      'startToCloseTimeout',
      'heartbeatTimeout',
    ] as const) {
      expect(check({ [name]: seconds(-1) }), name).toEqual(
        badAttributes(`${at}.${name}`, /must not be negative/),
      );
    }
    expect(check({ heartbeatTimeout: seconds(1, -1) })).toEqual(
      badAttributes(`${at}.heartbeatTimeout`, /different signs/),
    );
  });
});

describe('checkScheduleActivityCommand: required fields, in Temporal’s order', () => {
  it('needs the attributes', () => {
    expect(checkScheduleActivityCommand(null, context())).toEqual(badAttributes(at, /must be set/));
    expect(checkScheduleActivityCommand(undefined, context())).toMatchObject({ ok: false });
  });

  it('needs a task queue with a name (Temporal applies no default)', () => {
    expect(check({ taskQueue: null })).toEqual(
      badAttributes(`${at}.taskQueue`, /^scheduleActivityTaskCommandAttributes\.taskQueue: must be set$/),
    );
    expect(check({ taskQueue: { name: '' } })).toEqual(badAttributes(`${at}.taskQueue.name`, /must be set/));
    expect(check({ taskQueue: { name: '/_sys/payments' } })).toEqual(
      badAttributes(`${at}.taskQueue.name`, /reserved prefix \/_sys\//),
    );
    expect(check({ taskQueue: { name: 'q'.repeat(1001) } })).toEqual(
      badAttributes(`${at}.taskQueue.name`, /at most 1000 bytes, got 1001/),
    );
    expect(check({ taskQueue: { name: 'q', kind: 42 as temporal.api.enums.v1.TaskQueueKind } })).toEqual(
      badAttributes(`${at}.taskQueue.kind`, /unknown task queue kind 42/),
    );
  });

  it('checks the task queue before the ids', () => {
    expect(check({ taskQueue: null, activityId: '' })).toMatchObject({ field: `${at}.taskQueue` });
  });

  it('needs an activity id and type', () => {
    expect(check({ activityId: '' })).toEqual(badAttributes(`${at}.activityId`, /must be set/));
    expect(check({ activityId: null })).toMatchObject({ field: `${at}.activityId` });
    expect(check({ activityType: null })).toEqual(badAttributes(`${at}.activityType.name`, /must be set/));
    expect(check({ activityType: { name: '' } })).toMatchObject({ field: `${at}.activityType.name` });
  });

  it('measures ids in UTF-8 bytes', () => {
    expect(check({ activityId: 'a'.repeat(1001) })).toEqual(
      badAttributes(`${at}.activityId`, /at most 1000 bytes, got 1001/),
    );
    expect(check({ activityId: 'é'.repeat(501) })).toEqual(badAttributes(`${at}.activityId`, /got 1002/));
    expect(check({ activityType: { name: 't'.repeat(1001) } })).toEqual(
      badAttributes(`${at}.activityType.name`, /got 1001/),
    );
  });

  it('validates the retry policy before id lengths, naming its field', () => {
    expect(check({ retryPolicy: { backoffCoefficient: 0.5 } })).toEqual(
      badAttributes(`${at}.retryPolicy.backoffCoefficient`, /must be at least 1/),
    );
    expect(check({ activityId: 'a'.repeat(1001), retryPolicy: { maximumAttempts: -1 } })).toMatchObject({
      field: `${at}.retryPolicy.maximumAttempts`,
    });
  });

  it('validates the priority', () => {
    expect(check({ priority: { priorityKey: -1 } })).toEqual(
      badAttributes(`${at}.priority.priorityKey`, /not be negative/),
    );
    expect(check({ priority: { fairnessKey: 'k'.repeat(65) } })).toMatchObject({
      field: `${at}.priority.fairnessKey`,
    });
    expect(check({ priority: { fairnessWeight: -0.5 } })).toMatchObject({
      field: `${at}.priority.fairnessWeight`,
    });
  });
});

describe('checkScheduleActivityCommand: size, pending limit and duplicates', () => {
  const inputOfSize = (encodedSize: number) => {
    // Payloads framing around one payload's data: 1 tag + 3-byte length, then 1 tag + 3-byte length.
    const payloads = { payloads: [{ data: Buffer.alloc(encodedSize - 8) }] };
    expect(payloadsSize(payloads)).toBe(encodedSize);
    return payloads;
  };

  it('terminates the run when the input is over 2 MB encoded', () => {
    expect(check({ input: inputOfSize(blobSizeLimitErrorBytes) }).ok).toBe(true);
    expect(check({ input: inputOfSize(blobSizeLimitErrorBytes + 1) })).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
      field: `${at}.input`,
      message: `${at}.input: is 2097153 bytes, over the blob size limit`,
      terminatesWorkflow: true,
    });
  });

  const ids = (count: number) => new Set(Array.from({ length: count }, (_, index) => `activity-${index}`));

  it('fails the task at 2000 pending activities', () => {
    expect(check({}, { pendingActivityIds: ids(1999) }).ok).toBe(true);
    expect(check({}, { pendingActivityIds: ids(2000) })).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_PENDING_ACTIVITIES_LIMIT_EXCEEDED,
      message: 'the number of pending activities, 2000, has reached the per-workflow limit of 2000',
      terminatesWorkflow: false,
    });
  });

  it('fails the task on an activity id already pending', () => {
    expect(check({}, { pendingActivityIds: new Set(['other', 'charge-card']) })).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID,
      field: `${at}.activityId`,
      message: `${at}.activityId: an activity with id "charge-card" is already pending`,
      terminatesWorkflow: false,
    });
  });

  it('checks the input size before the pending limit and duplicates, and those after validation', () => {
    const pending = new Set(['charge-card']);
    expect(
      check({ input: inputOfSize(blobSizeLimitErrorBytes + 1) }, { pendingActivityIds: pending }),
    ).toMatchObject({
      terminatesWorkflow: true,
    });
    expect(check({ startToCloseTimeout: null }, { pendingActivityIds: pending })).toMatchObject({
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
    });
  });
});
