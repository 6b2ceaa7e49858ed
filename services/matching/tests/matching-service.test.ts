import { Writable } from 'node:stream';
import { MemoryBus, topics } from '@kairos/bus';
import { createLogger } from '@kairos/telemetry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMatchingService, type MatchingService } from '../src/matching-service.ts';
import {
  createMatchingFixture,
  pollWorkflow,
  untilPollsWaiting,
  workflowTask,
  type MatchingFixture,
} from './support/matching-fixture.ts';

let fixture: MatchingFixture;
beforeAll(async () => {
  fixture = await createMatchingFixture('service');
});
afterAll(() => fixture.close());

const running: { bus: MemoryBus; service: MatchingService }[] = [];
afterEach(async () => {
  for (const { bus, service } of running.splice(0)) {
    await service.stop();
    await bus.close();
  }
  await fixture.afterEach();
});

async function startService() {
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'matching-service-test',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    }),
  });
  const bus = new MemoryBus();
  const service = await startMatchingService({
    pool: fixture.pool,
    bus,
    history: fixture.history,
    logger,
    longPollMs: 2_000,
  });
  running.push({ bus, service });
  return { bus, service, logLines };
}

describe('startMatchingService', () => {
  it('dispatches task messages from the bus to waiting polls', async () => {
    const { bus, service } = await startService();
    const namespace = fixture.namespace();
    const poll = pollWorkflow(service.engine, namespace, 'orders');
    await untilPollsWaiting(service.engine, namespace.id, 'orders');
    const task = workflowTask(namespace.id, 'orders');

    await bus.publish(topics.tasks, [{ key: `${namespace.id}/orders`, value: JSON.stringify(task) }]);
    expect((await poll).workflowExecution?.workflowId).toBe(task.workflowId);
  });

  it('logs and skips a message that is not a task message, and goes on with the next', async () => {
    const { bus, service, logLines } = await startService();
    const namespace = fixture.namespace();
    const task = workflowTask(namespace.id, 'orders');
    const key = `${namespace.id}/orders`;

    await bus.publish(topics.tasks, [
      { key, value: 'not json' },
      { key, value: JSON.stringify({ ...task, kind: 'timer' }) },
      { key, value: JSON.stringify(task) },
    ]);
    const response = await pollWorkflow(service.engine, namespace, 'orders');
    expect(response.workflowExecution?.workflowId).toBe(task.workflowId);
    expect(logLines.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        'skipping a task message that is not JSON',
        'skipping an invalid task message',
      ]),
    );
    expect(await fixture.backlog(namespace.id)).toEqual([]);
  });

  it('stop() ends waiting polls with an empty answer', async () => {
    const { service } = await startService();
    const namespace = fixture.namespace();
    const poll = pollWorkflow(service.engine, namespace, 'orders');
    await untilPollsWaiting(service.engine, namespace.id, 'orders');
    const [entry] = running.splice(0);
    await entry!.service.stop();
    await entry!.bus.close();
    expect(await poll).toEqual({});
  });
});
