import { randomUUID } from 'node:crypto';
import { CompleteAsyncError, Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { deferred } from './support/deferred.ts';
import { useEngineTestEnv } from './support/engine-test-env.ts';
import { eventTypes, onlyEventOfType } from './support/history-events.ts';
import { decodePayloads } from './support/payloads.ts';
import { waitUntil } from './support/wait-until.ts';
import { cancelActivityOnSignal, cancelActivitySignal, runActivity } from './workflows/activity-calls.ts';

describe('activity cancellation and async completion', () => {
  const env = useEngineTestEnv();

  it('delivers a cancellation to a heartbeating activity when the workflow cancels its scope', async () => {
    const taskQueue = env.taskQueue('activity-cancel');
    const activityStarted = deferred();
    let activitySaw: unknown;
    const activities = {
      async heartbeatUntilCancelled() {
        activityStarted.resolve();
        try {
          for (;;) {
            Context.current().heartbeat();
            await Context.current().sleep(50);
          }
        } catch (error) {
          activitySaw = error;
          throw error;
        }
      },
    };
    await env.runWorker({ taskQueue, activities }, async () => {
      const handle = await env.client.workflow.start(cancelActivityOnSignal, {
        taskQueue,
        workflowId: `activity-cancel-${randomUUID()}`,
      });
      await activityStarted.promise;
      await handle.signal(cancelActivitySignal);
      expect(await handle.result()).toBe('activity cancelled');
      expect(activitySaw).toBeInstanceOf(CancelledFailure);

      const types = eventTypes((await handle.fetchHistory()).events);
      expect(types).toContain('ActivityTaskCancelRequested');
      expect(types).toContain('ActivityTaskCanceled');
      expect(types.indexOf('ActivityTaskCancelRequested')).toBeLessThan(
        types.indexOf('ActivityTaskCanceled'),
      );
      expect(types).not.toContain('ActivityTaskCompleted');
    });
  });

  describe('async completion', () => {
    function asyncActivity(tokens: { resolve(token: Uint8Array): void }) {
      return {
        async completeLater() {
          tokens.resolve(Context.current().info.taskToken);
          throw new CompleteAsyncError();
        },
      };
    }

    it('completes an activity by task token after a heartbeat by task token', async () => {
      const taskQueue = env.taskQueue('async-by-token');
      const token = deferred<Uint8Array>();
      await env.runWorker({ taskQueue, activities: asyncActivity(token) }, async () => {
        const handle = await env.client.workflow.start(runActivity, {
          taskQueue,
          workflowId: `async-by-token-${randomUUID()}`,
          args: [{ name: 'completeLater', options: { startToCloseTimeout: '30s' } }],
        });
        const taskToken = await token.promise;
        await env.client.activity.heartbeat(taskToken, 'halfway there');
        const pending = await waitUntil('the heartbeat on the pending activity', async () => {
          const [activity] = (await handle.describe()).raw.pendingActivities ?? [];
          return activity?.heartbeatDetails ? activity : undefined;
        });
        expect(decodePayloads(pending.heartbeatDetails)).toEqual(['halfway there']);

        await env.client.activity.complete(taskToken, 'completed by token');
        expect(await handle.result()).toBe('completed by token');
      });
    });

    it('completes an activity by workflow id, run id and activity id', async () => {
      const taskQueue = env.taskQueue('async-by-id');
      const token = deferred<Uint8Array>();
      await env.runWorker({ taskQueue, activities: asyncActivity(token) }, async () => {
        const workflowId = `async-by-id-${randomUUID()}`;
        const handle = await env.client.workflow.start(runActivity, {
          taskQueue,
          workflowId,
          args: [{ name: 'completeLater', options: { startToCloseTimeout: '30s', activityId: 'finish-me' } }],
        });
        await token.promise;
        await env.client.activity.complete(
          { workflowId, runId: handle.firstExecutionRunId, activityId: 'finish-me' },
          'completed by id',
        );
        expect(await handle.result()).toBe('completed by id');
        const events = (await handle.fetchHistory()).events;
        expect(
          onlyEventOfType(events, 'ActivityTaskScheduled').activityTaskScheduledEventAttributes?.activityId,
        ).toBe('finish-me');
      });
    });
  });
});
