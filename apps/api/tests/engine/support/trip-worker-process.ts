// Entry of a child process that runs a worker for the saga crash test, so the test can SIGKILL it
// mid-activity: nothing is reported to the server, as when a worker's machine dies. Configured by
// KAIROS_TRIP_WORKER (JSON, TripWorkerConfig); writes one JSON line per journal entry to stdout.
// Ends this process when the test process that spawned it dies (KAIROS_CLUSTER_WATCHDOG_PARENT).
import './cluster-watchdog.ts';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { sdkAuthOptions } from './cluster-api-key.ts';
import { tripActivities, type TripJournalEntry } from './trip-activities.ts';
import { workflowBundle } from './workflow-bundle.ts';
import type { TripActivities } from '../workflows/saga.ts';

export interface TripWorkerConfig {
  address: string;
  apiKey: string | undefined;
  namespace: string;
  taskQueue: string;
  /** This activity's first attempt starts and never finishes. */
  stallFirstAttemptOf: keyof TripActivities;
}

/** A line the child writes to stdout. */
export type TripWorkerLine = { ready: true } | { journal: TripJournalEntry };

const config = JSON.parse(process.env.KAIROS_TRIP_WORKER ?? '') as TripWorkerConfig;
const write = (line: TripWorkerLine): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
});
const connection = await NativeConnection.connect({
  address: config.address,
  ...sdkAuthOptions(config.apiKey),
});
const worker = await Worker.create({
  connection,
  namespace: config.namespace,
  taskQueue: config.taskQueue,
  identity: `trip-worker-process@${config.taskQueue}`,
  workflowBundle: await workflowBundle(),
  // The dead worker's sticky queue hands its next workflow task to the normal queue after this.
  stickyQueueScheduleToStartTimeout: '1s',
  activities: tripActivities((entry) => write({ journal: entry }), {
    stall: (activity, attempt) => activity === config.stallFirstAttemptOf && attempt === 1,
  }),
});
write({ ready: true });
await worker.run();
