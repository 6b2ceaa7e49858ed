import { randomUUID } from 'node:crypto';
import { temporal } from '@kairos/proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import { upsertAndReturn } from './workflows/search-attribute-validation.ts';

const { IndexedValueType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

// History checks a workflow's UpsertWorkflowSearchAttributes command against the namespace's
// registry, as Temporal does: an unregistered name, a value of the wrong type or a system attribute
// fails the workflow task with BAD_SEARCH_ATTRIBUTES (and the worker retries it until the workflow is
// fixed or terminated).
describe('upserted search attributes are checked against the namespace’s registry', () => {
  const env = useEngineTestEnv();

  beforeAll(async () => {
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace,
      searchAttributes: {
        OrderRegion: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        OrderTotal: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      },
    });
  });

  it('accepts registered attributes of the right type and shows them on the run', async () => {
    const taskQueue = env.taskQueue('upsert-registered');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(upsertAndReturn, {
        taskQueue,
        workflowId: `upsert-registered-${randomUUID()}`,
        args: [{ OrderRegion: ['eu'], OrderTotal: [42] }],
      });
      expect(await handle.result()).toBe('upserted');
      const description = await handle.describe();
      expect(description.searchAttributes).toMatchObject({ OrderRegion: ['eu'], OrderTotal: [42] });
    });
  });

  it.each([
    ['an unregistered attribute', { NotRegistered: ['x'] }, 'search attribute NotRegistered is not defined'],
    [
      'a string for an Int attribute',
      { OrderTotal: ['forty-two'] },
      'invalid value for search attribute OrderTotal of type Int',
    ],
    [
      'a system attribute',
      { ExecutionStatus: ['Completed'] },
      'ExecutionStatus is a system search attribute',
    ],
  ])('fails the workflow task with BAD_SEARCH_ATTRIBUTES for %s', async (_case, attributes, problem) => {
    const taskQueue = env.taskQueue('upsert-refused');
    await env.runWorker({ taskQueue }, async () => {
      const handle = await env.client.workflow.start(upsertAndReturn, {
        taskQueue,
        workflowId: `upsert-refused-${randomUUID()}`,
        args: [attributes],
      });
      try {
        const failed = await waitUntil('a WorkflowTaskFailed event', async () => {
          const events = (await handle.fetchHistory()).events;
          return eventsOfType(events, 'WorkflowTaskFailed')[0]?.workflowTaskFailedEventAttributes;
        });
        expect(failed.cause).toBe(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES);
        expect(failed.failure?.message).toMatch(/^BadSearchAttributes: /);
        expect(failed.failure?.message).toContain(problem);
        expect((await handle.describe()).status.name).toBe('RUNNING');
      } finally {
        await handle.terminate('test over');
      }
    });
  });
});
