// Workflows whose runs chain under one workflow id: continue-as-new, workflow retries and cron.
import {
  ApplicationFailure,
  condition,
  continueAsNew,
  defineSignal,
  makeContinueAsNewFunc,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';

/** What a run knows about its place in the chain. */
export interface RunFacts {
  runId: string;
  firstExecutionRunId: string;
  continuedFromExecutionRunId: string | undefined;
  attempt: number;
}

function runFacts(): RunFacts {
  const info = workflowInfo();
  return {
    runId: info.runId,
    firstExecutionRunId: info.firstExecutionRunId,
    continuedFromExecutionRunId: info.continuedFromExecutionRunId,
    attempt: info.attempt,
  };
}

/** Continues as new `remaining` times, carrying the run ids seen so far; the last run returns them. */
export async function countDownAsNew(
  remaining: number,
  seenRunIds: string[] = [],
): Promise<RunFacts & { seenRunIds: string[] }> {
  const seen = [...seenRunIds, workflowInfo().runId];
  if (remaining > 0) await continueAsNew<typeof countDownAsNew>(remaining - 1, seen);
  return { ...runFacts(), seenRunIds: seen };
}

export const addSignal = defineSignal<[number]>('add');

/**
 * Sums what the `add` signal brings until `expected` signals arrived, continuing as new (with the
 * sum and count so far) after every `perRun` signals. A signal lost at a hand-over leaves it waiting.
 */
export async function sumSignalsAcrossRuns(
  expected: number,
  perRun: number,
  sum = 0,
  count = 0,
): Promise<number> {
  let total = sum;
  let received = 0;
  setHandler(addSignal, (value) => {
    total += value;
    received += 1;
  });
  await condition(() => count + received >= expected || received >= perRun);
  if (count + received >= expected) return total;
  return continueAsNew<typeof sumSignalsAcrossRuns>(expected, perRun, total, count + received);
}

/** Continues as new once, as another workflow type on another task queue. */
export async function continueElsewhere(taskQueue: string): Promise<string> {
  const next = makeContinueAsNewFunc<typeof reportQueue>({ workflowType: 'reportQueue', taskQueue });
  return next();
}

export async function reportQueue(): Promise<string> {
  return `${workflowInfo().workflowType} on ${workflowInfo().taskQueue}`;
}

/** Fails with a retryable application failure until attempt `succeedOn`. */
export async function failUntilAttempt(succeedOn: number): Promise<RunFacts> {
  const { attempt } = workflowInfo();
  if (attempt < succeedOn) {
    throw ApplicationFailure.create({ message: `attempt ${attempt} failed`, type: 'Flaky' });
  }
  return runFacts();
}

/** Fails with an error of `type` (which a retry policy may list as non-retryable). */
export async function failWithType(type: string): Promise<never> {
  throw ApplicationFailure.create({ message: `failed with ${type}`, type });
}

/** The first attempt sleeps past any short run timeout; later attempts return at once. */
export async function slowFirstAttempt(sleepMs: number): Promise<RunFacts> {
  if (workflowInfo().attempt === 1) await sleep(sleepMs);
  return runFacts();
}

/** One cron run: reports itself and the result the previous run left. */
export async function cronTick(): Promise<{ runId: string; previous: unknown; cronSchedule?: string }> {
  const info = workflowInfo();
  return { runId: info.runId, previous: info.lastResult, cronSchedule: info.cronSchedule };
}

/** A cron run that fails: the next run still comes, with the failure as lastFailure. */
export async function failingCronTick(): Promise<never> {
  throw ApplicationFailure.create({ message: 'tick failed', type: 'TickFailure' });
}
