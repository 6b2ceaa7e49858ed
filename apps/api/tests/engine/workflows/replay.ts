// A workflow whose second half runs on a worker that never saw the first half.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export const proceedSignal = defineSignal('proceed');

const { stepA, stepB } = proxyActivities<{ stepA(): Promise<string>; stepB(): Promise<string> }>({
  startToCloseTimeout: '10s',
});

export async function twoStepsAroundSignal(): Promise<string[]> {
  let proceed = false;
  setHandler(proceedSignal, () => {
    proceed = true;
  });
  const a = await stepA();
  await condition(() => proceed);
  const b = await stepB();
  return [a, b];
}
