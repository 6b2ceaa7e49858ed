// Workflows of the Workflow Update tests (updates.test.ts).
import { condition, defineQuery, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** Adds to the running total and answers it; the validator refuses negative amounts. */
export const addToTotalUpdate = defineUpdate<number, [number]>('addToTotal');
/** Answers once the `releaseUpdates` signal arrived (a handler that waits). */
export const waitForReleaseUpdate = defineUpdate<string, [string]>('waitForRelease');
export const releaseUpdatesSignal = defineSignal('releaseUpdates');
export const finishTotalSignal = defineSignal('finishTotal');
/** How many times the addToTotal handler ran (a duplicate update id must not run it twice). */
export const addHandlerRunsQuery = defineQuery<number>('addHandlerRuns');

/**
 * Keeps a total that updates add to, until `finishTotal`; returns the total. Waits for every handler
 * to finish before it returns, so no accepted update is left without an outcome.
 */
export async function updatableTotal(initial = 0): Promise<number> {
  let total = initial;
  let addHandlerRuns = 0;
  let released = false;
  let finished = false;
  setHandler(
    addToTotalUpdate,
    (amount) => {
      addHandlerRuns += 1;
      total += amount;
      return total;
    },
    {
      validator: (amount) => {
        if (amount < 0) throw new Error(`cannot add a negative amount (${amount})`);
      },
    },
  );
  setHandler(waitForReleaseUpdate, async (label) => {
    await condition(() => released);
    return `${label} released`;
  });
  setHandler(releaseUpdatesSignal, () => {
    released = true;
  });
  setHandler(finishTotalSignal, () => {
    finished = true;
  });
  setHandler(addHandlerRunsQuery, () => addHandlerRuns);
  await condition(() => finished);
  return total;
}
