// A workflow to reset: a timer and an activity before the usual reset point, signals after it, and a
// check after the signals that the test can make fail ("the bug") and later fix.
import {
  ApplicationFailure,
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export interface ResetActivities {
  /** Runs once per run of the workflow before the reset point; a reset must not run it again. */
  fetchQuota(): Promise<number>;
  /** Runs after the signals; answers 'bug' until the test fixes it. */
  checkQuota(quota: number): Promise<'ok' | 'bug'>;
}

const { fetchQuota, checkQuota } = proxyActivities<ResetActivities>({ startToCloseTimeout: '10s' });

export const resetNoteSignal = defineSignal<[string]>('note');
export const resetReleaseSignal = defineSignal('release');

export interface ResetTargetResult {
  quota: number;
  notes: string[];
}

export async function resetTarget(): Promise<ResetTargetResult> {
  const notes: string[] = [];
  let released = false;
  setHandler(resetNoteSignal, (note) => {
    notes.push(note);
  });
  setHandler(resetReleaseSignal, () => {
    released = true;
  });
  await sleep('20 milliseconds');
  const quota = await fetchQuota();
  await condition(() => released);
  if ((await checkQuota(quota)) === 'bug') {
    throw ApplicationFailure.nonRetryable(`quota check found the bug (quota ${quota})`, 'QuotaBug');
  }
  return { quota, notes };
}
