import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { int64ToNumber } from '@kairos/proto';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from './support/cluster-process.ts';
import { useEngineTestEnv, type EngineTestEnv } from './support/engine-test-env.ts';
import { eventsOfType, eventTypes, onlyEventOfType, type HistoryEvent } from './support/history-events.ts';
import { tripActivities, type TripJournalEntry } from './support/trip-activities.ts';
import type { TripWorkerConfig, TripWorkerLine } from './support/trip-worker-process.ts';
import { waitUntil } from './support/wait-until.ts';
import { historyProblems } from './support/well-formed-history.ts';
import { bookTrip, type TripActivities } from './workflows/saga.ts';

const tripWorkerEntry = fileURLToPath(new URL('./support/trip-worker-process.ts', import.meta.url));

describe('saga: compensations in reverse order', () => {
  const env = useEngineTestEnv();
  const children: Array<() => void> = [];
  afterEach(() => children.splice(0).forEach((kill) => kill()));

  it('undoes the flight, then the hotel, when booking the car fails non-retryably', async () => {
    const taskQueue = env.taskQueue('saga');
    const journal: TripJournalEntry[] = [];
    const activities = tripActivities((entry) => journal.push(entry));
    const tripId = `trip-${randomUUID()}`;
    const { outcome, events } = await env.runWorker({ taskQueue, activities }, async () => {
      const handle = await env.client.workflow.start(bookTrip, {
        taskQueue,
        workflowId: tripId,
        args: [tripId],
      });
      const outcome = await handle.result();
      return { outcome, events: (await handle.fetchHistory()).events ?? [] };
    });

    expect(outcome).toEqual({
      booked: [`bookHotel ${tripId}`, `bookFlight ${tripId}`],
      compensated: [`cancelFlight ${tripId}`, `cancelHotel ${tripId}`],
      failure: `no car left for trip ${tripId}`,
    });
    expect(journal.filter((entry) => entry.outcome !== 'started')).toEqual([
      { activity: 'bookHotel', attempt: 1, outcome: 'completed' },
      { activity: 'bookFlight', attempt: 1, outcome: 'completed' },
      { activity: 'bookCar', attempt: 1, outcome: 'failed' },
      { activity: 'cancelFlight', attempt: 1, outcome: 'completed' },
      { activity: 'cancelHotel', attempt: 1, outcome: 'completed' },
    ]);
    expectSagaHistory(events);
    const failed = onlyEventOfType(events, 'ActivityTaskFailed').activityTaskFailedEventAttributes!;
    expect(failed.failure?.applicationFailureInfo).toMatchObject({
      type: 'NoCarAvailable',
      nonRetryable: true,
    });
  });

  it('finishes its compensations exactly once, in order, after the worker running one is killed', async () => {
    const taskQueue = env.taskQueue('saga-crash');
    const tripId = `trip-${randomUUID()}`;
    const child = await startTripWorkerProcess(env, taskQueue);
    children.push(child.kill);
    const handle = await env.client.workflow.start(bookTrip, {
      taskQueue,
      workflowId: tripId,
      args: [tripId],
    });
    await waitUntil(
      'the worker process to start cancelFlight',
      () => child.journal.some((entry) => entry.activity === 'cancelFlight'),
      20_000,
    );
    child.kill();
    await child.exited;

    // A new worker takes over once the lost attempt's 3 s start-to-close timeout expires.
    const journal: TripJournalEntry[] = [];
    const { outcome, events } = await env.runWorker(
      { taskQueue, activities: tripActivities((entry) => journal.push(entry)) },
      async () => {
        const outcome = await handle.result();
        return { outcome, events: (await handle.fetchHistory()).events ?? [] };
      },
    );

    expect(outcome.compensated).toEqual([`cancelFlight ${tripId}`, `cancelHotel ${tripId}`]);
    expect(child.journal.filter((entry) => entry.outcome !== 'started')).toEqual([
      { activity: 'bookHotel', attempt: 1, outcome: 'completed' },
      { activity: 'bookFlight', attempt: 1, outcome: 'completed' },
      { activity: 'bookCar', attempt: 1, outcome: 'failed' },
    ]);
    expect(child.journal.at(-1)).toEqual({ activity: 'cancelFlight', attempt: 1, outcome: 'started' });
    // The killed attempt is retried by the new worker; no booking runs again.
    expect(journal.filter((entry) => entry.outcome !== 'started').map((entry) => entry.activity)).toEqual([
      'cancelFlight',
      'cancelHotel',
    ]);
    expectSagaHistory(events);
    const flightCancelled = completedActivity(events, 'cancelFlight');
    expect(flightCancelled.started.activityTaskStartedEventAttributes?.attempt).toBeGreaterThan(1);
  }, 60_000);
});

/**
 * The saga's history, however its workers fared: well formed; the five activities scheduled in saga
 * order, one at a time; hotel, flight and both compensations completed exactly once (cancelFlight's
 * completion before cancelHotel is even scheduled); the car failed; the workflow completed.
 */
function expectSagaHistory(events: HistoryEvent[]): void {
  expect(historyProblems(events), eventTypes(events).join(', ')).toEqual([]);
  const scheduled = eventsOfType(events, 'ActivityTaskScheduled');
  expect(scheduled.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual([
    'bookHotel',
    'bookFlight',
    'bookCar',
    'cancelFlight',
    'cancelHotel',
  ]);
  const typeOf = new Map(
    scheduled.map((event) => [
      int64ToNumber(event.eventId),
      event.activityTaskScheduledEventAttributes?.activityType?.name,
    ]),
  );
  const completed = eventsOfType(events, 'ActivityTaskCompleted').map((event) =>
    typeOf.get(int64ToNumber(event.activityTaskCompletedEventAttributes?.scheduledEventId)),
  );
  expect(completed).toEqual(['bookHotel', 'bookFlight', 'cancelFlight', 'cancelHotel']);
  const failed = onlyEventOfType(events, 'ActivityTaskFailed').activityTaskFailedEventAttributes;
  expect(typeOf.get(int64ToNumber(failed?.scheduledEventId))).toBe('bookCar');
  expect(eventsOfType(events, 'ActivityTaskTimedOut')).toEqual([]);
  expect(eventTypes(events).at(-1)).toBe('WorkflowExecutionCompleted');
  const cancelHotelScheduled = scheduled.find(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'cancelHotel',
  )!;
  expect(int64ToNumber(completedActivity(events, 'cancelFlight').completed.eventId)).toBeLessThan(
    int64ToNumber(cancelHotelScheduled.eventId),
  );
}

/** The Started and Completed events of the only activity of type `name`. */
function completedActivity(
  events: HistoryEvent[],
  name: keyof TripActivities,
): { started: HistoryEvent; completed: HistoryEvent } {
  const scheduled = eventsOfType(events, 'ActivityTaskScheduled').find(
    (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === name,
  )!;
  const ofIt = (event: HistoryEvent, scheduledEventId: unknown): boolean =>
    int64ToNumber(scheduledEventId as number) === int64ToNumber(scheduled.eventId);
  const started = eventsOfType(events, 'ActivityTaskStarted').filter((event) =>
    ofIt(event, event.activityTaskStartedEventAttributes?.scheduledEventId),
  );
  const completed = eventsOfType(events, 'ActivityTaskCompleted').filter((event) =>
    ofIt(event, event.activityTaskCompletedEventAttributes?.scheduledEventId),
  );
  expect(started).toHaveLength(1);
  expect(completed).toHaveLength(1);
  return { started: started[0]!, completed: completed[0]! };
}

interface TripWorkerProcess {
  /** What the child's activities did, as it reported it. */
  journal: TripJournalEntry[];
  /** SIGKILL: the worker dies mid-activity without telling the server anything. */
  kill(): void;
  exited: Promise<void>;
}

/** A worker in a child process whose first cancelFlight attempt never finishes; resolves when it polls. */
async function startTripWorkerProcess(env: EngineTestEnv, taskQueue: string): Promise<TripWorkerProcess> {
  const config: TripWorkerConfig = {
    // The address the test client uses (the engine-test env does not expose it separately).
    address: env.connection.options.address,
    apiKey: env.apiKey,
    namespace: env.namespace,
    taskQueue,
    stallFirstAttemptOf: 'cancelFlight',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', tripWorkerEntry], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      KAIROS_TRIP_WORKER: JSON.stringify(config),
      KAIROS_CLUSTER_WATCHDOG_PARENT: String(process.pid),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const journal: TripJournalEntry[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as TripWorkerLine;
      if ('ready' in line) resolve();
      else journal.push(line.journal);
    });
    void exited.then(() => reject(new Error(`the trip worker process exited early: ${stderr.join('')}`)));
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  await ready;
  return { journal, kill, exited };
}
