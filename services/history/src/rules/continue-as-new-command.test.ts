import { int64, msToDuration, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkContinueAsNewCommand, type ContinueAsNewContext } from './continue-as-new-command.ts';
import { continueAsNewMinBackoffMs } from './run-chain.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
type Attributes = temporal.api.command.v1.IContinueAsNewWorkflowExecutionCommandAttributes;
const at = 'continueAsNewWorkflowExecutionCommandAttributes';

const context: ContinueAsNewContext = {
  hasBufferedEvents: false,
  run: {
    workflowType: 'ProcessOrder',
    taskQueue: 'orders',
    runTimeoutMs: 600_000,
    executionTimeoutMs: 3_600_000,
    workflowTaskTimeoutMs: 10_000,
  },
};

function check(attributes: Attributes | null, overrides: Partial<ContinueAsNewContext['run']> = {}) {
  return checkContinueAsNewCommand(attributes, { ...context, run: { ...context.run, ...overrides } });
}

function bytes(size: number): temporal.api.common.v1.IPayloads {
  return { payloads: [{ data: new Uint8Array(size) }] };
}

describe('checkContinueAsNewCommand', () => {
  it('fills what the command leaves unset from the closing run', () => {
    expect(check({})).toEqual({
      ok: true,
      attributes: expect.objectContaining({
        workflowType: 'ProcessOrder',
        taskQueue: 'orders',
        workflowRunTimeoutMs: 600_000,
        workflowTaskTimeoutMs: 10_000,
        backoffStartIntervalMs: 0,
        retryPolicy: undefined,
        cronSchedule: '',
        initiator: temporal.api.enums.v1.ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_UNSPECIFIED,
        inheritBuildId: false,
      }),
    });
  });

  it('keeps the run timeout within the execution timeout and the task timeout within both limits', () => {
    const checked = check({
      workflowType: { name: 'Other' },
      taskQueue: { name: 'elsewhere' },
      workflowRunTimeout: msToDuration(7_200_000),
      workflowTaskTimeout: msToDuration(300_000),
      backoffStartInterval: msToDuration(5_000),
    });
    expect(checked).toMatchObject({
      ok: true,
      attributes: {
        workflowType: 'Other',
        taskQueue: 'elsewhere',
        workflowRunTimeoutMs: 3_600_000,
        workflowTaskTimeoutMs: 120_000,
        backoffStartIntervalMs: 5_000,
      },
    });
    const short = check({ workflowRunTimeout: msToDuration(5_000) }, { executionTimeoutMs: undefined });
    expect(short).toMatchObject({
      ok: true,
      attributes: { workflowRunTimeoutMs: 5_000, workflowTaskTimeoutMs: 5_000 },
    });
    const unbounded = check({}, { executionTimeoutMs: undefined, runTimeoutMs: undefined });
    expect(unbounded).toMatchObject({ ok: true, attributes: { workflowRunTimeoutMs: 0 } });
  });

  it('normalises a retry policy and refuses a bad one naming the field', () => {
    expect(check({ retryPolicy: { maximumAttempts: 3 } })).toMatchObject({
      ok: true,
      attributes: {
        retryPolicy: {
          initialIntervalMs: 1000,
          backoffCoefficient: 2,
          maximumIntervalMs: 100_000,
          maximumAttempts: 3,
        },
      },
    });
    expect(check({ retryPolicy: { backoffCoefficient: 0.5 } })).toMatchObject({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES,
      field: `${at}.retryPolicy.backoffCoefficient`,
      terminatesWorkflow: false,
    });
  });

  it('fails the task with UNHANDLED_COMMAND while new events wait, before anything else', () => {
    expect(checkContinueAsNewCommand(null, { ...context, hasBufferedEvents: true })).toMatchObject({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
      message: '',
    });
  });

  it('refuses missing attributes, long names, bad queues, negative durations and a moved build id', () => {
    const refusals: Array<[Attributes | null, string]> = [
      [null, at],
      [{ workflowType: { name: 'w'.repeat(1001) } }, `${at}.workflowType.name`],
      [{ taskQueue: { name: '/_sys/orders' } }, `${at}.taskQueue.name`],
      [{ workflowRunTimeout: { seconds: int64(-1) } }, `${at}.workflowRunTimeout`],
      [{ workflowTaskTimeout: { seconds: int64(-1) } }, `${at}.workflowTaskTimeout`],
      [{ backoffStartInterval: { seconds: int64(-1) } }, `${at}.backoffStartInterval`],
      [{ inheritBuildId: true, taskQueue: { name: 'elsewhere' } }, `${at}.inheritBuildId`],
    ];
    for (const [attributes, field] of refusals) {
      expect(check(attributes), field).toMatchObject({
        ok: false,
        cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES,
        field,
        terminatesWorkflow: false,
      });
    }
    expect(check({ inheritBuildId: true, taskQueue: { name: 'orders' } })).toMatchObject({ ok: true });
  });

  it('refuses more than 100 search attributes (BAD_SEARCH_ATTRIBUTES)', () => {
    const indexedFields = Object.fromEntries(
      Array.from({ length: 101 }, (_, index) => [`Attribute${index}`, { data: new Uint8Array(1) }]),
    );
    expect(check({ searchAttributes: { indexedFields } })).toMatchObject({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
    });
  });

  it('terminates the run for an input or memo over 2 MB or search attributes over their size limits', () => {
    const mebibytes = (count: number) => count * 1024 * 1024;
    const oversized: Array<[Attributes, string]> = [
      [{ input: bytes(mebibytes(2) + 1) }, `${at}.input`],
      [{ memo: { fields: { big: { data: new Uint8Array(mebibytes(2) + 1) } } } }, `${at}.memo`],
      [
        { searchAttributes: { indexedFields: { Big: { data: new Uint8Array(3000) } } } },
        `${at}.searchAttributes.indexedFields.Big`,
      ],
    ];
    for (const [attributes, field] of oversized) {
      expect(check(attributes), field).toMatchObject({
        ok: false,
        cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES,
        field,
        terminatesWorkflow: true,
      });
    }
  });
});

describe('continueAsNewMinBackoffMs', () => {
  it('holds the next run back until a second after the closing run could start', () => {
    expect(
      continueAsNewMinBackoffMs({ previousExecutionTimeMs: 10_000, nowMs: 10_150, requestedBackoffMs: 0 }),
    ).toBe(850);
    expect(
      continueAsNewMinBackoffMs({ previousExecutionTimeMs: 10_000, nowMs: 10_150, requestedBackoffMs: 500 }),
    ).toBe(850);
  });

  it('keeps a long enough lifetime or requested backoff as it is', () => {
    expect(
      continueAsNewMinBackoffMs({ previousExecutionTimeMs: 10_000, nowMs: 12_000, requestedBackoffMs: 0 }),
    ).toBe(0);
    expect(
      continueAsNewMinBackoffMs({
        previousExecutionTimeMs: 10_000,
        nowMs: 10_100,
        requestedBackoffMs: 5_000,
      }),
    ).toBe(5_000);
    expect(
      continueAsNewMinBackoffMs({
        previousExecutionTimeMs: 10_000,
        nowMs: 10_100,
        requestedBackoffMs: 0,
        minIntervalMs: 0,
      }),
    ).toBe(0);
  });

  it("checks the next run's search attributes against the namespace's registry", () => {
    const registered = (name: string) =>
      name === 'CustomerId' ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD : undefined;
    const attributes = {
      searchAttributes: {
        indexedFields: {
          Unregistered: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"x"') },
        },
      },
    };
    expect(checkContinueAsNewCommand(attributes, context).ok).toBe(true);
    expect(checkContinueAsNewCommand(attributes, { ...context, searchAttributeLookup: registered })).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
      field: `${at}.searchAttributes.indexedFields.Unregistered`,
      message: expect.stringMatching(/Unregistered/),
      terminatesWorkflow: false,
    });
  });
});
