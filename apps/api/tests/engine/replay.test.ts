import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, eventTypes } from './support/history-events.ts';
import { waitUntil } from './support/wait-until.ts';
import { proceedSignal, twoStepsAroundSignal } from './workflows/replay.ts';

describe('replay on a fresh worker', () => {
  const env = useEngineTestEnv();

  it('resumes a workflow on a new worker from history without re-running completed activities', async () => {
    const taskQueue = env.taskQueue('replay');
    const executions = { stepA: 0, stepB: 0 };
    const activities = {
      async stepA() {
        executions.stepA++;
        return 'A done';
      },
      async stepB() {
        executions.stepB++;
        return 'B done';
      },
    };
    const handle = await env.client.workflow.start(twoStepsAroundSignal, {
      taskQueue,
      workflowId: `replay-${randomUUID()}`,
    });

    await env.runWorker({ taskQueue, activities, identity: 'worker-before' }, async () => {
      await waitUntil('step A to complete and the workflow to wait for its signal', async () => {
        const events = (await handle.fetchHistory()).events;
        const types = eventTypes(events);
        return types.includes('ActivityTaskCompleted') && types.at(-1) === 'WorkflowTaskCompleted';
      });
    });
    expect(executions).toEqual({ stepA: 1, stepB: 0 });

    // A new Worker has an empty workflow cache: it must rebuild the run by replaying its history.
    await env.runWorker({ taskQueue, activities, identity: 'worker-after' }, async () => {
      await handle.signal(proceedSignal);
      expect(await handle.result()).toEqual(['A done', 'B done']);
    });
    expect(executions).toEqual({ stepA: 1, stepB: 1 });

    const events = (await handle.fetchHistory()).events;
    expect(
      eventsOfType(events, 'ActivityTaskScheduled').map(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name,
      ),
    ).toEqual(['stepA', 'stepB']);
    expect(eventTypes(events)).not.toContain('WorkflowTaskFailed');
    const identities = eventsOfType(events, 'WorkflowTaskStarted').map(
      (event) => event.workflowTaskStartedEventAttributes?.identity,
    );
    expect(identities.at(-1)).toBe('worker-after');
  });
});
