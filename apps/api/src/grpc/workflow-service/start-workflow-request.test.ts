import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { validateStartWorkflowRequest, type StartWorkflowOptions } from './start-workflow-request.ts';

type Request = temporal.api.workflowservice.v1.IStartWorkflowExecutionRequest;
const Reuse = temporal.api.enums.v1.WorkflowIdReusePolicy;
const Conflict = temporal.api.enums.v1.WorkflowIdConflictPolicy;
const Kind = temporal.api.enums.v1.TaskQueueKind;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const seconds = (value: number, nanos = 0) => ({ seconds: Long.fromNumber(value), nanos });
const request = (overrides: Partial<Request> = {}): Request => ({
  namespace: 'default',
  workflowId: 'order-42',
  workflowType: { name: 'processOrder' },
  taskQueue: { name: 'orders' },
  requestId: '6c4f4a38-6a0e-4a43-9c48-2f6d0b1d2a11',
  identity: 'worker@host',
  ...overrides,
});
const validate = (overrides: Partial<Request> = {}, options?: StartWorkflowOptions) =>
  validateStartWorkflowRequest(request(overrides), options);
const invalid = (field: string, message: RegExp) =>
  expect.objectContaining({ code: 'INVALID_ARGUMENT', field, message: expect.stringMatching(message) });
const payloadOf = (bytes: number) => ({ data: Buffer.alloc(bytes) });
const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});

describe('validateStartWorkflowRequest: a valid request', () => {
  it('applies Temporal’s defaults', () => {
    expect(validate()).toEqual({
      workflowId: 'order-42',
      workflowType: 'processOrder',
      taskQueue: 'orders',
      requestId: '6c4f4a38-6a0e-4a43-9c48-2f6d0b1d2a11',
      identity: 'worker@host',
      workflowExecutionTimeoutMs: 0,
      workflowRunTimeoutMs: 0,
      workflowTaskTimeoutMs: 10_000,
      workflowStartDelayMs: 0,
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'fail',
      retryPolicy: undefined,
      input: undefined,
      header: undefined,
      memo: undefined,
      searchAttributes: undefined,
      userMetadata: undefined,
      priority: undefined,
      links: [],
      onConflictOptions: undefined,
      continuedFailure: undefined,
      lastCompletionResult: undefined,
      requestEagerExecution: false,
    });
  });

  it('passes payload-carrying fields through untouched', () => {
    const fields = {
      input: { payloads: [json({ id: 42 })] },
      header: { fields: { traceparent: json('00-abc') } },
      memo: { fields: { note: json('rush') } },
      searchAttributes: { indexedFields: { CustomerId: json('c-7') } },
      userMetadata: { summary: json('summary') },
      priority: { priorityKey: 3 },
      links: [{ workflowEvent: { namespace: 'default', workflowId: 'w', runId: 'r' } }],
      onConflictOptions: { attachRequestId: true },
      lastCompletionResult: { payloads: [json(1)] },
      requestEagerExecution: true,
    };
    expect(validate(fields)).toMatchObject(fields);
  });

  it('makes a request id when the request has none, as Temporal does', () => {
    expect(validate({ requestId: '' }, { newRequestId: () => 'generated' }).requestId).toBe('generated');
    expect(validate({ requestId: undefined }).requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('accepts ids of exactly 1000 bytes and a large header (Temporal does not limit headers)', () => {
    expect(
      validate({
        workflowId: 'w'.repeat(1000),
        workflowType: { name: 't'.repeat(1000) },
        requestId: 'r'.repeat(1000),
      }).workflowId,
    ).toHaveLength(1000);
    expect(validate({ header: { fields: { big: payloadOf(3 * 1024 * 1024) } } }).header).toBeDefined();
  });
});

describe('validateStartWorkflowRequest: required fields', () => {
  it('needs a workflow id of at most 1000 bytes', () => {
    expect(() => validate({ workflowId: '' })).toThrow(invalid('workflowId', /^workflowId: must be set$/));
    expect(() => validate({ workflowId: undefined })).toThrow(invalid('workflowId', /must be set/));
    expect(() => validate({ workflowId: 'w'.repeat(1001) })).toThrow(
      invalid('workflowId', /at most 1000 bytes, got 1001/),
    );
    expect(() => validate({ workflowId: 'ß'.repeat(501) })).toThrow(invalid('workflowId', /got 1002/));
  });

  it('needs a workflow type name', () => {
    expect(() => validate({ workflowType: null })).toThrow(invalid('workflowType.name', /must be set/));
    expect(() => validate({ workflowType: { name: '' } })).toThrow(
      invalid('workflowType.name', /must be set/),
    );
    expect(() => validate({ workflowType: { name: 't'.repeat(1001) } })).toThrow(
      invalid('workflowType.name', /got 1001/),
    );
  });

  it('needs a normal task queue with a valid name', () => {
    expect(() => validate({ taskQueue: null })).toThrow(invalid('taskQueue', /^taskQueue: must be set$/));
    expect(() => validate({ taskQueue: { name: '' } })).toThrow(invalid('taskQueue.name', /must be set/));
    expect(() => validate({ taskQueue: { name: '/_sys/orders' } })).toThrow(
      invalid('taskQueue.name', /reserved prefix/),
    );
    expect(() => validate({ taskQueue: { name: 'q'.repeat(1001) } })).toThrow(
      invalid('taskQueue.name', /got 1001/),
    );
    expect(() => validate({ taskQueue: { name: 'orders', kind: Kind.TASK_QUEUE_KIND_STICKY } })).toThrow(
      invalid('taskQueue.kind', /must be normal/),
    );
    expect(() =>
      validate({ taskQueue: { name: 'orders', kind: 9 as temporal.api.enums.v1.TaskQueueKind } }),
    ).toThrow(invalid('taskQueue.kind', /unknown task queue kind 9/));
    expect(validate({ taskQueue: { name: 'orders', kind: Kind.TASK_QUEUE_KIND_NORMAL } }).taskQueue).toBe(
      'orders',
    );
  });

  it('refuses request ids over 1000 bytes', () => {
    expect(() => validate({ requestId: 'r'.repeat(1001) })).toThrow(
      invalid('requestId', /at most 1000 bytes/),
    );
  });
});

describe('validateStartWorkflowRequest: timeouts', () => {
  const timeouts = (overrides: Partial<Request>) => {
    const input = validate(overrides);
    return [input.workflowExecutionTimeoutMs, input.workflowRunTimeoutMs, input.workflowTaskTimeoutMs];
  };

  it('caps the run and task timeouts as the reference server does', () => {
    // Reference server: execution 30 s, run 50 s, task 200 s → 30 / 30 / 30.
    expect(
      timeouts({
        workflowExecutionTimeout: seconds(30),
        workflowRunTimeout: seconds(50),
        workflowTaskTimeout: seconds(200),
      }),
    ).toEqual([30_000, 30_000, 30_000]);
    // Run 5 s, task 200 s → task 5 s.
    expect(timeouts({ workflowRunTimeout: seconds(5), workflowTaskTimeout: seconds(200) })).toEqual([
      0, 5_000, 5_000,
    ]);
  });

  it('gives the run the execution timeout when only that is set', () => {
    expect(timeouts({ workflowExecutionTimeout: seconds(3600) })).toEqual([3_600_000, 3_600_000, 10_000]);
  });

  it('keeps a run timeout shorter than the execution timeout', () => {
    expect(timeouts({ workflowExecutionTimeout: seconds(3600), workflowRunTimeout: seconds(600) })).toEqual([
      3_600_000, 600_000, 10_000,
    ]);
  });

  it('caps the task timeout at 120 s and defaults it to 10 s', () => {
    expect(timeouts({ workflowTaskTimeout: seconds(200) })).toEqual([0, 0, 120_000]);
    expect(timeouts({ workflowTaskTimeout: seconds(120) })).toEqual([0, 0, 120_000]);
    expect(timeouts({ workflowTaskTimeout: seconds(1, 500_000_000) })).toEqual([0, 0, 1_500]);
    expect(timeouts({ workflowTaskTimeout: seconds(0) })).toEqual([0, 0, 10_000]);
    expect(timeouts({ workflowRunTimeout: seconds(3) })).toEqual([0, 3_000, 3_000]);
  });

  it('refuses negative and mixed-sign timeouts, naming the field', () => {
    expect(() => validate({ workflowExecutionTimeout: seconds(-1) })).toThrow(
      invalid('workflowExecutionTimeout', /must not be negative/),
    );
    expect(() => validate({ workflowRunTimeout: seconds(1, -5) })).toThrow(
      invalid('workflowRunTimeout', /different signs/),
    );
    expect(() => validate({ workflowTaskTimeout: seconds(-1) })).toThrow(
      invalid('workflowTaskTimeout', /must not be negative/),
    );
  });

  it('reads a start delay and refuses a negative one', () => {
    expect(validate({ workflowStartDelay: seconds(90) }).workflowStartDelayMs).toBe(90_000);
    expect(() => validate({ workflowStartDelay: seconds(-5) })).toThrow(
      invalid('workflowStartDelay', /must not be negative/),
    );
  });
});

describe('validateStartWorkflowRequest: retry policy', () => {
  it('leaves a workflow without a policy unretried and fills an explicit one', () => {
    expect(validate().retryPolicy).toBeUndefined();
    expect(validate({ retryPolicy: {} }).retryPolicy).toEqual({
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maximumIntervalMs: 100_000,
      maximumAttempts: 0,
      nonRetryableErrorTypes: [],
    });
    expect(
      validate({ retryPolicy: { maximumAttempts: 1, initialInterval: seconds(-1) } }).retryPolicy
        ?.maximumAttempts,
    ).toBe(1);
  });

  it('refuses what the reference server refuses, naming the sub-field', () => {
    expect(() => validate({ retryPolicy: { backoffCoefficient: 0.5 } })).toThrow(
      invalid('retryPolicy.backoffCoefficient', /at least 1/),
    );
    expect(() =>
      validate({ retryPolicy: { initialInterval: seconds(10), maximumInterval: seconds(5) } }),
    ).toThrow(invalid('retryPolicy.maximumInterval', /not be less than initialInterval/));
    expect(() => validate({ retryPolicy: { maximumAttempts: -1 } })).toThrow(
      invalid('retryPolicy.maximumAttempts', /negative/),
    );
    expect(() => validate({ retryPolicy: { initialInterval: seconds(-1) } })).toThrow(
      invalid('retryPolicy.initialInterval', /negative/),
    );
    expect(() => validate({ retryPolicy: { nonRetryableErrorTypes: ['TemporalTimeout:Nope'] } })).toThrow(
      invalid('retryPolicy.nonRetryableErrorTypes[0]', /not a timeout type/),
    );
  });
});

describe('validateStartWorkflowRequest: workflow id policies', () => {
  it('maps explicit policies and migrates TERMINATE_IF_RUNNING used alone', () => {
    expect(
      validate({
        workflowIdReusePolicy: Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
        workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
      }),
    ).toMatchObject({ workflowIdReusePolicy: 'reject-duplicate', workflowIdConflictPolicy: 'use-existing' });
    expect(
      validate({ workflowIdReusePolicy: Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING }),
    ).toMatchObject({
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'terminate-existing',
    });
  });

  it('refuses the combinations Temporal refuses', () => {
    expect(() =>
      validate({
        workflowIdReusePolicy: Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING,
        workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
      }),
    ).toThrow(invalid('workflowIdReusePolicy', /TERMINATE_IF_RUNNING cannot be combined/));
    expect(() =>
      validate({
        workflowIdReusePolicy: Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
        workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
      }),
    ).toThrow(invalid('workflowIdReusePolicy', /REJECT_DUPLICATE cannot be combined/));
  });

  it('refuses values outside the enums', () => {
    expect(() =>
      validate({ workflowIdConflictPolicy: 42 as temporal.api.enums.v1.WorkflowIdConflictPolicy }),
    ).toThrow(invalid('workflowIdConflictPolicy', /unknown policy 42/));
  });

  it('defaults SignalWithStart to use-existing and refuses FAIL there, as Temporal does', () => {
    expect(validate({}, { operation: 'signal-with-start' })).toMatchObject({
      workflowIdReusePolicy: 'allow-duplicate',
      workflowIdConflictPolicy: 'use-existing',
    });
    expect(
      validate(
        { workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING },
        { operation: 'signal-with-start' },
      ).workflowIdConflictPolicy,
    ).toBe('terminate-existing');
    expect(
      validate(
        { workflowIdReusePolicy: Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING },
        { operation: 'signal-with-start' },
      ).workflowIdConflictPolicy,
    ).toBe('terminate-existing');
    expect(() =>
      validate(
        { workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL },
        { operation: 'signal-with-start' },
      ),
    ).toThrow(
      invalid('workflowIdConflictPolicy', /FAIL is not supported by SignalWithStartWorkflowExecution/),
    );
    expect(
      validate({ workflowIdConflictPolicy: Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL })
        .workflowIdConflictPolicy,
    ).toBe('fail');
  });

  it('needs attachRequestId for attachCompletionCallbacks', () => {
    expect(() => validate({ onConflictOptions: { attachCompletionCallbacks: true } })).toThrow(
      invalid('onConflictOptions.attachCompletionCallbacks', /requires onConflictOptions.attachRequestId/),
    );
    expect(
      validate({ onConflictOptions: { attachCompletionCallbacks: true, attachRequestId: true } })
        .onConflictOptions,
    ).toBeDefined();
  });
});

describe('validateStartWorkflowRequest: cron schedules', () => {
  it('accepts the forms Temporal reads: five fields, descriptors, @every, a time zone prefix', () => {
    for (const cronSchedule of [
      '* * * * *',
      '0 12 * * MON-FRI',
      '@hourly',
      '@every 90s',
      'CRON_TZ=Europe/Paris 0 9 * * *',
    ]) {
      expect(validate({ cronSchedule }).workflowId).toBe('order-42');
    }
  });

  it('refuses an unreadable schedule, and a schedule with a start delay', () => {
    for (const cronSchedule of ['bad cron', '* * * *', '*/5 * * * * *', '@every 2', '0 0 30 2 *']) {
      expect(() => validate({ cronSchedule })).toThrow(invalid('cronSchedule', /not a valid cron schedule/));
    }
    expect(() => validate({ cronSchedule: '@hourly', workflowStartDelay: seconds(5) })).toThrow(
      invalid('cronSchedule', /workflowStartDelay/),
    );
  });
});

describe('validateStartWorkflowRequest: features Kairos does not offer yet', () => {
  it('refuses completion callbacks, versioning overrides and time skipping', () => {
    expect(() => validate({ completionCallbacks: [{ nexus: { url: 'http://x' } }] })).toThrow(
      invalid('completionCallbacks', /not supported/),
    );
    expect(validate({ completionCallbacks: [] }).workflowId).toBe('order-42');
    expect(() => validate({ versioningOverride: { autoUpgrade: true } })).toThrow(
      invalid('versioningOverride', /not supported/),
    );
    expect(() => validate({ timeSkippingConfig: { enabled: true } })).toThrow(
      invalid('timeSkippingConfig', /not enabled/),
    );
  });
});

describe('validateStartWorkflowRequest: sizes', () => {
  it('refuses input over 2 MB encoded with INVALID_ARGUMENT, as the reference server does', () => {
    // Payloads framing around one payload: 8 bytes.
    expect(validate({ input: { payloads: [payloadOf(2 * 1024 * 1024 - 8)] } }).input).toBeDefined();
    expect(() => validate({ input: { payloads: [payloadOf(2 * 1024 * 1024 - 7)] } })).toThrow(
      invalid('input', /^input: is 2097153 bytes, over the blob size limit of 2097152 bytes$/),
    );
  });

  it('refuses a memo over 2 MB and accepts 1 MB', () => {
    expect(validate({ memo: { fields: { note: payloadOf(1024 * 1024) } } }).memo).toBeDefined();
    expect(() => validate({ memo: { fields: { note: payloadOf(2 * 1024 * 1024) } } })).toThrow(
      invalid('memo', /over the memo size limit/),
    );
  });

  it('refuses too many or too large search attributes', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`A${index}`, json(index)]));
    expect(() => validate({ searchAttributes: { indexedFields: many } })).toThrow(
      invalid('searchAttributes.indexedFields', /101 search attributes, over the limit of 100/),
    );
    expect(() =>
      validate({ searchAttributes: { indexedFields: { CustomerId: json('x'.repeat(3000)) } } }),
    ).toThrow(invalid('searchAttributes.indexedFields.CustomerId', /over the limit of 2048 bytes/));
    const wide = Object.fromEntries(
      Array.from({ length: 21 }, (_, index) => [`K${index}`, json('y'.repeat(2000))]),
    );
    expect(() => validate({ searchAttributes: { indexedFields: wide } })).toThrow(
      invalid('searchAttributes.indexedFields', /total size is \d+ bytes, over the limit of 40960 bytes/),
    );
  });

  it('checks search attribute names and types when the namespace’s are given', () => {
    const searchAttributeLookup = (name: string) =>
      name === 'Amount'
        ? IndexedValueType.INDEXED_VALUE_TYPE_INT
        : name === 'WorkflowId'
          ? ('system' as const)
          : undefined;
    expect(
      validate({ searchAttributes: { indexedFields: { Amount: json(5) } } }, { searchAttributeLookup })
        .searchAttributes,
    ).toBeDefined();
    expect(() =>
      validate({ searchAttributes: { indexedFields: { Amount: json('five') } } }, { searchAttributeLookup }),
    ).toThrow(
      invalid(
        'searchAttributes.indexedFields.Amount',
        /invalid value for search attribute Amount of type Int/,
      ),
    );
    expect(() =>
      validate({ searchAttributes: { indexedFields: { NoSuch: json(1) } } }, { searchAttributeLookup }),
    ).toThrow(invalid('searchAttributes.indexedFields.NoSuch', /is not defined/));
    expect(() =>
      validate({ searchAttributes: { indexedFields: { WorkflowId: json('x') } } }, { searchAttributeLookup }),
    ).toThrow(invalid('searchAttributes.indexedFields.WorkflowId', /system search attribute/));
  });

  it('checks the priority', () => {
    expect(() => validate({ priority: { priorityKey: -1 } })).toThrow(
      invalid('priority.priorityKey', /negative/),
    );
    expect(() => validate({ priority: { fairnessKey: 'k'.repeat(65) } })).toThrow(
      invalid('priority.fairnessKey', /64 bytes/),
    );
  });
});

describe('validateStartWorkflowRequest: order of checks (Temporal’s)', () => {
  it('reports the first problem in Temporal’s order', () => {
    const allWrong: Partial<Request> = {
      workflowId: '',
      retryPolicy: { backoffCoefficient: 0.5 },
      cronSchedule: 'not a cron schedule',
      workflowType: null,
      taskQueue: null,
      workflowRunTimeout: seconds(-1),
      input: { payloads: [payloadOf(3 * 1024 * 1024)] },
    };
    const firstField = (overrides: Partial<Request>) => {
      try {
        validate(overrides);
      } catch (error) {
        return (error as { field?: string }).field;
      }
      return undefined;
    };
    expect(firstField(allWrong)).toBe('workflowId');
    expect(firstField({ ...allWrong, workflowId: 'w' })).toBe('retryPolicy.backoffCoefficient');
    expect(firstField({ ...allWrong, workflowId: 'w', retryPolicy: null })).toBe('cronSchedule');
    expect(firstField({ ...allWrong, workflowId: 'w', retryPolicy: null, cronSchedule: '' })).toBe(
      'workflowType.name',
    );
    expect(
      firstField({
        ...allWrong,
        workflowId: 'w',
        retryPolicy: null,
        cronSchedule: '',
        workflowType: { name: 't' },
      }),
    ).toBe('taskQueue');
    expect(
      firstField({
        ...allWrong,
        workflowId: 'w',
        retryPolicy: null,
        cronSchedule: '',
        workflowType: { name: 't' },
        taskQueue: { name: 'q' },
      }),
    ).toBe('workflowRunTimeout');
    expect(
      firstField({
        ...allWrong,
        workflowId: 'w',
        retryPolicy: null,
        cronSchedule: '',
        workflowType: { name: 't' },
        taskQueue: { name: 'q' },
        workflowRunTimeout: null,
      }),
    ).toBe('input');
  });
});
