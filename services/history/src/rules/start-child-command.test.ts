import { Long, temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import { checkStartChildCommand } from './start-child-command.ts';

const { WorkflowTaskFailedCause: Cause, ParentClosePolicy } = temporal.api.enums.v1;
const at = 'startChildWorkflowExecutionCommandAttributes';
const parent = { namespace: 'default', taskQueue: 'orders' };
const valid = { workflowId: 'child-1', workflowType: { name: 'ShipOrder' } };

describe('checkStartChildCommand', () => {
  const bad = (field: string, message: RegExp) => ({
    ok: false,
    cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
    field,
    message: expect.stringMatching(message),
    terminatesWorkflow: false,
  });

  it("accepts a child, on the parent's task queue with TERMINATE when the command names neither", () => {
    expect(checkStartChildCommand(valid, parent)).toEqual({
      ok: true,
      attributes: {
        workflowId: 'child-1',
        workflowType: 'ShipOrder',
        taskQueue: 'orders',
        parentClosePolicy: 'terminate',
        parentClosePolicyValue: ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE,
      },
    });
  });

  it('keeps a named task queue and the REQUEST_CANCEL and ABANDON policies', () => {
    expect(
      checkStartChildCommand(
        {
          ...valid,
          namespace: 'default',
          taskQueue: { name: 'shipping' },
          parentClosePolicy: ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL,
        },
        parent,
      ),
    ).toMatchObject({ ok: true, attributes: { taskQueue: 'shipping', parentClosePolicy: 'request-cancel' } });
    expect(
      checkStartChildCommand(
        { ...valid, parentClosePolicy: ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON },
        parent,
      ),
    ).toMatchObject({ ok: true, attributes: { parentClosePolicy: 'abandon' } });
  });

  it('refuses missing attributes, a missing id or type, another namespace, a bad queue', () => {
    expect(checkStartChildCommand(null, parent)).toEqual(bad(at, /must be set/));
    expect(checkStartChildCommand({ ...valid, workflowId: '' }, parent)).toEqual(
      bad(`${at}.workflowId`, /must be set/),
    );
    expect(checkStartChildCommand({ ...valid, workflowId: 'x'.repeat(1001) }, parent)).toEqual(
      bad(`${at}.workflowId`, /at most 1000 bytes/),
    );
    expect(checkStartChildCommand({ ...valid, workflowType: {} }, parent)).toEqual(
      bad(`${at}.workflowType.name`, /must be set/),
    );
    expect(checkStartChildCommand({ ...valid, namespace: 'elsewhere' }, parent)).toEqual(
      bad(`${at}.namespace`, /cross-namespace children are not supported/),
    );
    expect(checkStartChildCommand({ ...valid, taskQueue: { name: '/_sys/orders' } }, parent)).toMatchObject({
      ok: false,
      field: `${at}.taskQueue.name`,
    });
  });

  it('refuses negative timeouts and an invalid retry policy', () => {
    expect(
      checkStartChildCommand({ ...valid, workflowRunTimeout: { seconds: Long.fromNumber(-1) } }, parent),
    ).toEqual(bad(`${at}.workflowRunTimeout`, /must not be negative/));
    expect(
      checkStartChildCommand({ ...valid, retryPolicy: { backoffCoefficient: 0.5 } }, parent),
    ).toMatchObject({ ok: false, field: `${at}.retryPolicy.backoffCoefficient` });
  });

  it('terminates the parent for an input over the blob size limit', () => {
    const input = { payloads: [{ data: new Uint8Array(2 * 1024 * 1024 + 1) }] };
    expect(checkStartChildCommand({ ...valid, input }, parent)).toMatchObject({
      ok: false,
      field: `${at}.input`,
      terminatesWorkflow: true,
    });
  });

  it("checks the child's search attributes against the namespace's registry", () => {
    const lookup = (name: string) =>
      name === 'CustomerId' ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD : undefined;
    const json = (value: unknown) => ({
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from(JSON.stringify(value)),
    });
    const withAttributes = (indexedFields: Record<string, temporal.api.common.v1.IPayload>) => ({
      ...valid,
      searchAttributes: { indexedFields },
    });
    const context = { ...parent, searchAttributeLookup: lookup };
    expect(checkStartChildCommand(withAttributes({ CustomerId: json('c-1') }), context).ok).toBe(true);
    expect(checkStartChildCommand(withAttributes({ Unregistered: json('x') }), context)).toEqual({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
      field: `${at}.searchAttributes.indexedFields.Unregistered`,
      message: expect.stringMatching(/Unregistered/),
      terminatesWorkflow: false,
    });
    expect(checkStartChildCommand(withAttributes({ CustomerId: json(5) }), context)).toMatchObject({
      ok: false,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
      field: `${at}.searchAttributes.indexedFields.CustomerId`,
    });
  });
});
